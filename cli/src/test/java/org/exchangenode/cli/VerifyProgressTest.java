package org.exchangenode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.exchangenode.core.audit.AuditArchiveWriter;
import org.exchangenode.core.audit.AuditChain;
import org.exchangenode.core.audit.AuditEntry;
import org.exchangenode.core.audit.AuditKind;
import org.exchangenode.core.audit.Checkpoint;
import org.exchangenode.core.signing.NodeCredentials;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** audit-verify of a 250-entry export: a bar over the contents pass on a terminal, only the report elsewhere. */
class VerifyProgressTest {
    private static final Path CERTS = Path.of("../certs-sample");
    private static final String ANCHORS = CERTS.resolve("root-ca.crt.pem").toString();

    @TempDir
    Path dir;
    private Path archive;

    @BeforeEach
    void writeArchive() throws Exception {
        NodeCredentials node = NodeCredentials.load(CERTS.resolve("320100/node.key.pem"),
                CERTS.resolve("320100/node.crt.pem"));
        archive = dir.resolve("export.zip");
        try (OutputStream file = Files.newOutputStream(archive); AuditArchiveWriter writer = new AuditArchiveWriter(file)) {
            AuditEntry last = null;
            for (int i = 1; i <= 250; i++) {
                byte[] record = ("record " + i).getBytes(StandardCharsets.UTF_8);
                last = AuditChain.next(last, Instant.now().truncatedTo(ChronoUnit.MILLIS), AuditKind.OPERATOR_ACTION,
                        null, "operator", "action " + i, record);
                writer.entry(last, record);
            }
            writer.checkpoint(Checkpoint.sign(node, last, Instant.now()));
            writer.finish("export", "320100", AuditChain.GENESIS, Instant.now(), "auditor-test");
        }
    }

    @Test
    void shouldDrawTheContentsPassOnATerminalAndEndTheLineBeforeTheReport() {
        CliRun run = CliRun.of(true, "audit-verify", "--anchors", ANCHORS, archive.toString());

        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out()).contains("\rchecked entries [############                  ] 100/250  ",
                "\rchecked entries [########################      ] 200/250  ",
                "\u001b[K\nExchange Node audit verification", "RESULT       INTACT");
    }

    @Test
    void shouldPrintOnlyTheReportWhenNotATerminal() {
        CliRun run = CliRun.of(false, "audit-verify", "--anchors", ANCHORS, archive.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("Exchange Node audit verification").doesNotContain("checked entries")
                .contains("entries      250 checked (sequence 1..250)", "RESULT       INTACT");
    }
}
