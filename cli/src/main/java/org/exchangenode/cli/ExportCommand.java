package org.exchangenode.audittool;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/** {@code export}: downloads a sealed export from a node's auditor API into a file (written whole or not at all). */
final class ExportCommand {
    private final PrintStream out;

    ExportCommand(PrintStream out) {
        this.out = out;
    }

    int run(List<String> args) {
        Arguments a = new Arguments(args, Set.of("node", "user", "password-env", "password-file", "out",
                "from-sequence", "to-sequence", "from", "to"));
        if (!a.positional().isEmpty()) {
            throw new Arguments.UsageException("unexpected argument '" + a.positional().get(0) + "'");
        }
        URI node = node(a.required("node"));
        String user = a.required("user");
        String password = password(a);
        Path target = Path.of(a.required("out"));
        List<String> query = new ArrayList<>();
        add(query, "fromSequence", a.number("from-sequence"));
        add(query, "toSequence", a.number("to-sequence"));
        add(query, "from", instant(a, "from"));
        add(query, "to", instant(a, "to"));
        URI uri = node.resolve("/api/v1/audit/export" + (query.isEmpty() ? "" : "?" + String.join("&", query)));

        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofMinutes(30))
                .GET().build();
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try {
            HttpResponse<Path> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                    .send(request, HttpResponse.BodyHandlers.ofFile(partial));
            if (response.statusCode() != 200) {
                String body = Files.readString(partial, StandardCharsets.UTF_8);
                Files.deleteIfExists(partial);
                out.println("export refused: HTTP " + response.statusCode() + " " + body);
                return AuditTool.BROKEN;
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            out.printf("exported entries %s..%s of %s to %s (%d bytes)%n",
                    response.headers().firstValue("X-Audit-First-Sequence").orElse("?"),
                    response.headers().firstValue("X-Audit-Last-Sequence").orElse("?"), node, target,
                    Files.size(target));
            return AuditTool.OK;
        } catch (IOException e) {
            deleteQuietly(partial);
            out.println("export failed: cannot reach " + node + " or write " + target + ": " + e.getMessage());
            return AuditTool.BROKEN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            deleteQuietly(partial);
            return AuditTool.BROKEN;
        }
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

    /** Passwords never come on the command line, where other users of the machine could read them. */
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

    private static String instant(Arguments a, String name) {
        String value = a.optional(name);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value).toString();
        } catch (DateTimeParseException e) {
            throw new Arguments.UsageException("option --" + name + " must be an ISO-8601 instant such as "
                    + "2026-11-26T00:00:00Z, got '" + value + "'");
        }
    }

    private static void add(List<String> query, String name, Object value) {
        if (value != null) {
            query.add(name + "=" + URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // nothing more to do: the target was never written
        }
    }
}
