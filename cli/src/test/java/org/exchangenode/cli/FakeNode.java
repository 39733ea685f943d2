package org.exchangenode.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A stand-in for a node's API on a free local port: each path answers what a test gives it, in the JSON shapes the
 * node's resources write (MessageView, QuarantineRecord, DeadLetter, Operations.Summary, MessageStore.Counts). For
 * formatting and progress only: the integration tests run the commands against real nodes.
 */
final class FakeNode implements AutoCloseable {
    /** A request as the node received it. */
    record Request(String method, String path, String query, String body) {
    }

    private final HttpServer server;
    private final Map<String, Function<Request, String>> answers = new ConcurrentHashMap<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();

    FakeNode() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getQuery(),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            requests.add(request);
            Function<Request, String> answer = answers.get(request.method() + " " + request.path());
            byte[] body = (answer == null ? "{\"code\":\"NOT_FOUND\"}" : answer.apply(request))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer == null ? 404 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    FakeNode answer(String methodAndPath, Function<Request, String> answer) {
        answers.put(methodAndPath, answer);
        return this;
    }

    FakeNode answer(String methodAndPath, String json) {
        return answer(methodAndPath, request -> json);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Request> requests(String methodAndPath) {
        return requests.stream().filter(r -> (r.method() + " " + r.path()).equals(methodAndPath)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
