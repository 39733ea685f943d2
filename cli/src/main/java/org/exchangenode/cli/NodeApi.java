package org.exchangenode.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A node's API as the command line reaches it: {@code --node URL --user NAME} and the password from
 * {@code --password-env VARIABLE} or {@code --password-file FILE} (never the command line, where other users of the
 * machine could read it).
 */
final class NodeApi {
    static final Set<String> OPTIONS = Set.of("node", "user", "password-env", "password-file");
    static final ObjectMapper JSON = new ObjectMapper();
    private final URI node;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    NodeApi(Arguments a) {
        this.node = node(a.required("node"));
        String user = a.required("user");
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password(a))
                .getBytes(StandardCharsets.UTF_8));
    }

    URI node() {
        return node;
    }

    /** The node answered with something other than success; the message carries its status and error body. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    /** The node could not be reached. */
    static final class Unreachable extends RuntimeException {
        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(node.resolve(pathAndQuery)).header("Authorization", authorization)
                .timeout(Duration.ofMinutes(30));
    }

    JsonNode get(String path, Map<String, Object> query) {
        return send(request(path + query(query)).GET().build());
    }

    JsonNode post(String path, Object body) {
        try {
            return send(request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new Unreachable("cannot reach " + node + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted", e);
        }
    }

    private JsonNode send(HttpRequest request) {
        HttpResponse<String> response = send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() / 100 != 2) {
            throw new Refused("HTTP " + response.statusCode() + " " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new Refused("the node answered with something that is not JSON: " + e.getMessage());
        }
    }

    static String query(Map<String, Object> parameters) {
        StringBuilder query = new StringBuilder();
        parameters.forEach((name, value) -> {
            if (value != null) {
                query.append(query.length() == 0 ? "?" : "&").append(name).append('=')
                        .append(URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
            }
        });
        return query.toString();
    }

    static Map<String, Object> parameters(Object... namesAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    private static URI node(String value) {
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new Arguments.UsageException("option --node must be the node's base URL such as "
                    + "http://127.0.0.1:8080, got '" + value + "'");
        }
    }

    private static String password(Arguments a) {
        String variable = a.optional("password-env");
        String file = a.optional("password-file");
        if ((variable == null) == (file == null)) {
            throw new Arguments.UsageException("give exactly one of --password-env VARIABLE or --password-file FILE");
        }
        if (variable != null) {
            String value = System.getenv(variable);
            if (value == null || value.isEmpty()) {
                throw new Arguments.UsageException("--password-env: the environment variable " + variable + " is not set");
            }
            return value;
        }
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new Arguments.UsageException("--password-file: cannot read " + file + ": " + e.getMessage());
        }
    }
}
