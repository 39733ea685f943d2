package org.exchangenode.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code audit-export}: downloads a sealed export from a node's auditor API into a file (whole or not at all). */
final class ExportCommand {
    private final PrintStream out;

    ExportCommand(PrintStream out) {
        this.out = out;
    }

    int run(List<String> args) {
        Set<String> known = new HashSet<>(NodeApi.OPTIONS);
        known.addAll(Set.of("out", "from-sequence", "to-sequence", "from", "to"));
        Arguments a = new Arguments(args, known);
        if (!a.positional().isEmpty()) {
            throw new Arguments.UsageException("unexpected argument '" + a.positional().get(0) + "'");
        }
        NodeApi api = new NodeApi(a);
        Path target = Path.of(a.required("out"));
        String query = NodeApi.query(NodeApi.parameters("fromSequence", a.number("from-sequence"),
                "toSequence", a.number("to-sequence"), "from", a.instant("from"), "to", a.instant("to")));
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try {
            HttpResponse<Path> response = api.send(api.request("/api/v1/audit/export" + query).GET().build(),
                    HttpResponse.BodyHandlers.ofFile(partial));
            if (response.statusCode() != 200) {
                String body = Files.readString(partial, StandardCharsets.UTF_8);
                Files.deleteIfExists(partial);
                out.println("export refused: HTTP " + response.statusCode() + " " + body);
                return ExchangeNodeCli.BROKEN;
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            out.printf("exported entries %s..%s of %s to %s (%d bytes)%n",
                    response.headers().firstValue("X-Audit-First-Sequence").orElse("?"),
                    response.headers().firstValue("X-Audit-Last-Sequence").orElse("?"), api.node(), target,
                    Files.size(target));
            return ExchangeNodeCli.OK;
        } catch (IOException | NodeApi.Unreachable e) {
            deleteQuietly(partial);
            out.println("export failed: cannot reach " + api.node() + " or write " + target + ": " + e.getMessage());
            return ExchangeNodeCli.BROKEN;
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
