package org.exchangenode.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.exchangenode.core.Samples;
import org.exchangenode.core.TestPki;
import org.exchangenode.core.envelope.EnvelopeCodec;
import org.exchangenode.core.envelope.EnvelopeHeader;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.exchange.MessageComposer;
import org.exchangenode.core.exchange.SignedMessage;
import org.exchangenode.core.form.ContactLetterXml;
import org.exchangenode.core.signing.MessageSigner;
import org.exchangenode.core.signing.NodeCredentials;
import org.exchangenode.core.signing.SignatureAlgorithms;
import org.exchangenode.core.transport.TransportMessages;
import org.exchangenode.core.xml.XsdValidator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A golden export written by {@link AuditArchiveWriter}, verified as an auditor would, and each way of tampering
 * with the file an auditor receives.
 */
class ArchiveVerifierTest {
    private static final TestPki PKI = new TestPki(SignatureAlgorithms.SM2_SM3);
    private static final NodeCredentials NANJING = PKI.node("320100");
    private static final NodeCredentials SHENZHEN = PKI.node("440300");
    private static final XsdValidator SCHEMAS = new XsdValidator();

    @TempDir
    Path dir;
    private final ArchiveVerifier verifier = new ArchiveVerifier(PKI.anchors());
    private final List<AuditEntry> log = new ArrayList<>();
    private final Map<Long, byte[]> contents = new LinkedHashMap<>();
    private final List<Checkpoint> checkpoints = new ArrayList<>();
    private Path golden;

    private void append(AuditKind kind, String messageId, String detail, byte[] content) {
        AuditEntry entry = AuditChain.next(log.isEmpty() ? null : log.get(log.size() - 1),
                Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS), kind, messageId, "node", detail, content);
        log.add(entry);
        if (content != null) {
            contents.put(entry.sequence(), content);
        }
    }

    private static SignedMessage letter(NodeCredentials sender) {
        return new MessageComposer(new MessageSigner(sender), SCHEMAS).compose(
                EnvelopeHeader.create(MessageType.CONTACT_LETTER, "320100", "440300", "C-AUDIT", null),
                ContactLetterXml.write(Samples.contactLetter()));
    }

    private static SignedMessage receiptFor(SignedMessage sent, String digest) {
        return new MessageComposer(new MessageSigner(SHENZHEN), SCHEMAS).compose(
                EnvelopeHeader.create(MessageType.RECEIPT, "440300", "320100", "C-AUDIT", sent.header().messageId()),
                TransportMessages.receipt(sent.header().messageId(), digest, Instant.now()));
    }

    private static String digestOf(SignedMessage message) {
        return TransportMessages.canonicalDigest(EnvelopeCodec.parse(message.bytes(), 1 << 20).document());
    }

    private Path write(String name, List<AuditEntry> entries, List<Checkpoint> seals) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file); AuditArchiveWriter writer = new AuditArchiveWriter(out)) {
            for (AuditEntry entry : entries) {
                writer.entry(entry, contents.get(entry.sequence()));
            }
            seals.forEach(writer::checkpoint);
            writer.finish("export", "320100", AuditChain.GENESIS, Instant.now(), "auditor-wang");
        }
        return file;
    }

    @BeforeEach
    void writeGoldenExport() throws IOException {
        List<SignedMessage> sent = List.of(letter(NANJING), letter(NANJING), letter(NANJING));
        for (SignedMessage message : sent) {
            append(AuditKind.MESSAGE_SENT, message.header().messageId(), null, message.bytes());
        }
        for (SignedMessage message : sent.subList(0, 2)) {
            SignedMessage receipt = receiptFor(message, digestOf(message));
            append(AuditKind.RECEIPT_RECEIVED, receipt.header().messageId(), null, receipt.bytes());
        }
        append(AuditKind.OPERATOR_ACTION, null, "audit export by auditor-wang",
                "{\"action\":\"export\"}".getBytes(StandardCharsets.UTF_8));
        checkpoints.add(Checkpoint.sign(NANJING, log.get(log.size() - 1), Instant.now()));
        golden = write("golden.zip", log, checkpoints);
    }

    @Test
    void shouldTellTheListenerEachEntryWithContentInSequenceUpToTheLast() {
        List<Long> reached = new ArrayList<>();

        ArchiveVerifier.Result result = verifier.verify(List.of(golden), (sequence, first, last) -> {
            assertThat(first).isEqualTo(1);
            assertThat(last).isEqualTo(6);
            reached.add(sequence);
        });

        assertThat(result.intact()).isTrue();
        assertThat(reached).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void shouldVerifyTheGoldenExportWithItsSummary() {
        ArchiveVerifier.Result result = verifier.verify(List.of(golden));

        assertThat(result.intact()).isTrue();
        assertThat(result.startsAtGenesis()).isTrue();
        AuditVerifier.Report report = result.report();
        assertThat(report.entriesChecked()).isEqualTo(6);
        assertThat(report.messagesVerified()).isEqualTo(5);
        assertThat(report.checkpointsChecked()).isEqualTo(1);
        assertThat(report.messagesSent()).isEqualTo(3);
        assertThat(report.receiptsMatched()).isEqualTo(2);
        assertThat(report.awaitingReceipt()).containsExactly(log.get(2).messageId());
        assertThat(report.firstTime()).isEqualTo(log.get(0).time());
        assertThat(report.lastTime()).isEqualTo(log.get(5).time());
    }

    @Test
    void shouldFindAChangedByteInAStoredMessage() throws IOException {
        rewrite(golden, "content/2", bytes -> {
            byte[] changed = bytes.clone();
            int at = new String(bytes, StandardCharsets.UTF_8).indexOf("ContactLetter") + 3;
            changed[at] = (byte) (changed[at] ^ 0x01);
            return changed;
        });

        AuditVerifier.Break found = verifier.verify(List.of(golden)).report().firstBreak();

        assertThat(found.sequence()).isEqualTo(2);
        assertThat(found.reason()).startsWith("the content of MESSAGE_SENT " + log.get(1).messageId()
                + " was altered: the entry says SM3 " + log.get(1).contentDigest());
    }

    @Test
    void shouldFindADeletedEntry() throws IOException {
        rewriteEntries(lines -> lines.stream().filter(l -> !l.contains("\"sequence\":3,")).toList());

        ArchiveVerifier.Result result = verifier.verify(List.of(golden));

        assertThat(result.report().firstBreak())
                .isEqualTo(new AuditVerifier.Break(4, "expected sequence 3, found 4 (entries are missing)"));
        assertThat(result.brokenArchive()).isEqualTo("golden.zip");
    }

    @Test
    void shouldFindTwoSwappedEntries() throws IOException {
        rewriteEntries(lines -> {
            List<String> swapped = new ArrayList<>(lines);
            swapped.set(1, lines.get(2));
            swapped.set(2, lines.get(1));
            return swapped;
        });

        assertThat(verifier.verify(List.of(golden)).report().firstBreak())
                .isEqualTo(new AuditVerifier.Break(3, "expected sequence 2, found 3 (entries are out of order)"));
    }

    @Test
    void shouldFindAChangedDigestWithARecomputedHashAtTheNextEntry() throws IOException {
        AuditEntry e = log.get(1);
        AuditEntry forged = new AuditEntry(e.sequence(), e.time(), e.kind(), e.messageId(), e.actor(), e.detail(),
                "ab".repeat(32), e.previousHash(), null);
        forged = new AuditEntry(forged.sequence(), forged.time(), forged.kind(), forged.messageId(), forged.actor(),
                forged.detail(), forged.contentDigest(), forged.previousHash(), AuditChain.hashOf(forged));
        log.set(1, forged);
        Path file = write("forged.zip", log, checkpoints);

        AuditVerifier.Break found = verifier.verify(List.of(file)).report().firstBreak();

        assertThat(found.sequence()).isEqualTo(3);
        assertThat(found.reason()).isEqualTo("previous hash " + e.hash()
                + " does not match the hash of the entry before, " + forged.hash());
    }

    @Test
    void shouldRefuseAForgedCheckpoint() throws IOException {
        NodeCredentials impostor = new TestPki(SignatureAlgorithms.SM2_SM3).node("320100");
        Path file = write("forged-checkpoint.zip", log,
                List.of(Checkpoint.sign(impostor, log.get(log.size() - 1), Instant.now())));

        AuditVerifier.Break found = verifier.verify(List.of(file)).report().firstBreak();

        assertThat(found.sequence()).isEqualTo(6);
        assertThat(found.reason()).startsWith("the checkpoint's signer is not trusted: CERTIFICATE_UNTRUSTED");
    }

    @Test
    void shouldRefuseACheckpointWhoseSignedFieldsWereChanged() throws IOException {
        Checkpoint c = checkpoints.get(0);
        Path file = write("changed-checkpoint.zip", log, List.of(new Checkpoint(c.nodeId(), c.sequence(),
                c.headHash(), c.time().minusSeconds(3600), c.algorithm(), c.signature(), c.chain())));

        assertThat(verifier.verify(List.of(file)).report().firstBreak())
                .isEqualTo(new AuditVerifier.Break(6, "the checkpoint's signature does not verify"));
    }

    @Test
    void shouldRefuseAMessageWhoseSignerIsNotUnderTheTrustAnchors() throws IOException {
        SignedMessage foreign = letter(new TestPki(SignatureAlgorithms.SM2_SM3).node("320100"));
        append(AuditKind.MESSAGE_SENT, foreign.header().messageId(), null, foreign.bytes());
        Path file = write("foreign.zip", log, List.of(Checkpoint.sign(NANJING, log.get(log.size() - 1), Instant.now())));

        AuditVerifier.Break found = verifier.verify(List.of(file)).report().firstBreak();

        assertThat(found.sequence()).isEqualTo(7);
        assertThat(found.reason()).startsWith("message " + foreign.header().messageId()
                + " does not verify: CERTIFICATE_UNTRUSTED");
    }

    @Test
    void shouldRefuseAnExportCutInTheMiddle() throws IOException {
        byte[] whole = Files.readAllBytes(golden);
        Files.write(golden, Arrays.copyOf(whole, whole.length / 2));

        ArchiveVerifier.Result result = verifier.verify(List.of(golden));

        assertThat(result.intact()).isFalse();
        assertThat(result.report().firstBreak().reason()).startsWith("golden.zip is not a complete archive (cut or damaged");
    }

    @Test
    void shouldRefuseAnExportWhoseTailWasCutAndItsManifestRewritten() throws IOException {
        Path file = write("cut.zip", log.subList(0, 4), List.of());

        AuditVerifier.Break found = verifier.verify(List.of(file)).report().firstBreak();

        assertThat(found).isEqualTo(new AuditVerifier.Break(4, "the last entry, 4, is not covered by a signed "
                + "checkpoint of node 320100 in the archive (the archive was cut or its seal removed)"));
    }

    @Test
    void shouldRefuseAReceiptForDifferentBytesThanWereSent() throws IOException {
        SignedMessage message = letter(NANJING);
        append(AuditKind.MESSAGE_SENT, message.header().messageId(), null, message.bytes());
        SignedMessage receipt = receiptFor(message, digestOf(letter(NANJING)));
        append(AuditKind.RECEIPT_RECEIVED, receipt.header().messageId(), null, receipt.bytes());
        Path file = write("receipt.zip", log, List.of(Checkpoint.sign(NANJING, log.get(log.size() - 1), Instant.now())));

        AuditVerifier.Break found = verifier.verify(List.of(file)).report().firstBreak();

        assertThat(found.sequence()).isEqualTo(8);
        assertThat(found.reason()).startsWith("the Receipt for " + message.header().messageId() + " acknowledges digest");
    }

    @Test
    void shouldVerifyConsecutiveArchivesAsOneChainInAnyOrder() throws IOException {
        Path older = write("archive-1.zip", log.subList(0, 3), List.of(Checkpoint.sign(NANJING, log.get(2), Instant.now())));
        Path newer = write("archive-2.zip", log.subList(3, 6), checkpoints);

        ArchiveVerifier.Result both = verifier.verify(List.of(newer, older));
        ArchiveVerifier.Result newerAlone = verifier.verify(List.of(newer));

        assertThat(both.intact()).isTrue();
        assertThat(both.startsAtGenesis()).isTrue();
        assertThat(both.report().entriesChecked()).isEqualTo(6);
        assertThat(newerAlone.intact()).isTrue();
        assertThat(newerAlone.startsAtGenesis()).isFalse();
    }

    @Test
    void shouldFindAMissingArchiveBetweenTwoOthers() throws IOException {
        Path first = write("archive-1.zip", log.subList(0, 2), List.of(Checkpoint.sign(NANJING, log.get(1), Instant.now())));
        Path third = write("archive-3.zip", log.subList(4, 6), checkpoints);

        assertThat(verifier.verify(List.of(first, third)).report().firstBreak())
                .isEqualTo(new AuditVerifier.Break(5, "expected sequence 3, found 5 (entries are missing)"));
    }

    private void rewriteEntries(UnaryOperator<List<String>> change) throws IOException {
        rewrite(golden, "entries.jsonl", bytes -> {
            List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            return (String.join("\n", change.apply(lines)) + "\n").getBytes(StandardCharsets.UTF_8);
        });
    }

    /** Rewrites one part of a zip, keeping the others byte for byte. */
    private static void rewrite(Path zipFile, String part, UnaryOperator<byte[]> change) throws IOException {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(zipFile.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                try (InputStream in = zip.getInputStream(entry)) {
                    parts.put(entry.getName(), in.readAllBytes());
                }
            }
        }
        parts.put(part, change.apply(parts.get(part)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : parts.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        Files.write(zipFile, out.toByteArray());
    }
}
