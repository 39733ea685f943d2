package org.exchangenode.cli;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code audit-export}: downloads a sealed export from a node's auditor API into a file (whole or not at all). */
@Command(name = "audit-export", header = "A sealed export of the node's log for a range, over its API.",
        description = {"A sealed export of the node's log for the range asked (open ends: the "
        + "oldest entry held, the head).", "Written to FILE.partial first, moved to FILE when complete."})
final class ExportCommand extends NodeCommand {
    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the export (.zip) to write")
    Path target;
    @Option(names = "--from-sequence", paramLabel = "N", converter = Converters.Positive.class,
            description = "the first entry's sequence number")
    Long fromSequence;
    @Option(names = "--to-sequence", paramLabel = "N", converter = Converters.Positive.class,
            description = "the last entry's sequence number")
    Long toSequence;
    @Option(names = "--from", paramLabel = "INSTANT", converter = Converters.Instants.class,
            description = "entries at or after, ISO-8601 such as 2026-11-01T00:00:00Z")
    Instant from;
    @Option(names = "--to", paramLabel = "INSTANT", converter = Converters.Instants.class,
            description = "entries before, ISO-8601")
    Instant to;

    @Override
    public Integer call() {
        NodeApi api = connection.api();
        String query = NodeApi.query(NodeApi.parameters("fromSequence", fromSequence, "toSequence", toSequence,
                "from", from, "to", to));
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try {
            HttpResponse<Path> response = api.send(api.request("/api/v1/audit/export" + query).GET().build(),
                    info -> counted(HttpResponse.BodySubscribers.ofFile(partial), progress("exported bytes",
                            info.statusCode() == 200 ? info.headers().firstValueAsLong("Content-Length").orElse(-1) : -1)));
            if (response.statusCode() != 200) {
                String body = Files.readString(partial, StandardCharsets.UTF_8);
                Files.deleteIfExists(partial);
                out().println("export refused: HTTP " + response.statusCode() + " " + body);
                return ExchangeNodeCli.BROKEN;
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            out().printf("exported entries %s..%s of %s to %s (%d bytes)%n",
                    response.headers().firstValue("X-Audit-First-Sequence").orElse("?"),
                    response.headers().firstValue("X-Audit-Last-Sequence").orElse("?"), api.node(), target,
                    Files.size(target));
            return ExchangeNodeCli.OK;
        } catch (NodeApi.Unreachable e) {
            deleteQuietly(partial);
            out().println("export failed: " + e.getMessage());
            return ExchangeNodeCli.BROKEN;
        } catch (IOException e) {
            deleteQuietly(partial);
            out().println("export failed: cannot write " + target + ": " + NodeApi.reason(e));
            return ExchangeNodeCli.BROKEN;
        }
    }

    /**
     * The file subscriber, counting the bytes as they come: on a terminal a live line (bytes, rate, time left when the
     * node sent a length); elsewhere nothing until the summary, since a line per buffer would only be noise.
     */
    private static HttpResponse.BodySubscriber<Path> counted(HttpResponse.BodySubscriber<Path> file, Progress progress) {
        return new HttpResponse.BodySubscriber<>() {
            private long bytes;
            private long shown;

            @Override
            public CompletionStage<Path> getBody() {
                return file.getBody();
            }

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                file.onSubscribe(subscription);
            }

            @Override
            public void onNext(List<ByteBuffer> buffers) {
                bytes += buffers.stream().mapToLong(ByteBuffer::remaining).sum();
                if (progress.live() && bytes - shown >= 1 << 20) {
                    shown = bytes;
                    progress.step(bytes, "");
                }
                file.onNext(buffers);
            }

            @Override
            public void onError(Throwable throwable) {
                progress.finish();
                file.onError(throwable);
            }

            @Override
            public void onComplete() {
                progress.finish();
                file.onComplete();
            }
        };
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // nothing more to do: the target was never written
        }
    }
}
