package org.exchangenode.routes.localsystem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

/** The local system's webhook played by the test: takes every notification (HTTP 200) and keeps its JSON. */
public final class LocalSystemHook implements AutoCloseable {
    private final HttpServer server;
    private final ConcurrentLinkedQueue<JsonNode> received = new ConcurrentLinkedQueue<>();

    public LocalSystemHook(URI url) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), url.getPort()), 0);
        server.createContext(url.getPath(), exchange -> {
            received.add(new ObjectMapper().readTree(exchange.getRequestBody()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    /** A webhook URL on a free loopback port, for a test profile. */
    public static String freeUrl() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/hook";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The notification of {@code messageId}, once the local system got it. */
    public Optional<JsonNode> notification(String messageId) {
        return received.stream().filter(b -> messageId.equals(b.path("messageId").asText())).findFirst();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
