package org.exchangenode.routes.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.exchangenode.core.audit.ArchiveVerifier;
import org.exchangenode.core.audit.AuditEntry;
import org.exchangenode.core.audit.AuditKind;
import org.exchangenode.core.audit.AuditVerifier;
import org.exchangenode.core.envelope.Envelope;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.exchange.SignedMessage;
import org.exchangenode.core.signing.TrustAnchors;
import org.exchangenode.core.transport.TransportMessages;
import org.exchangenode.routes.PeerTestSupport;
import org.exchangenode.routes.jdbc.AuditLog;
import org.exchangenode.routes.jdbc.Database;
import org.exchangenode.testsupport.samples.Samples;
import org.junit.jupiter.api.Test;

/**
 * The node keeps the tamper-evident log as it works: a real exchange through the embedded broker is exported over
 * the auditor API and verified offline with only the trust anchors.
 */
@QuarkusTest
class AuditLogTest extends PeerTestSupport {
    private static final TrustAnchors ANCHORS = TrustAnchors.load(List.of(Path.of("../certs-sample/root-ca.crt.pem")));

    @Inject
    AuditLog log;
    @Inject
    AuditArchiver archiver;
    @Inject
    Database database;

    private static io.restassured.specification.RequestSpecification auditor() {
        return given().auth().preemptive().basic("auditor-test", "auditor-test-password");
    }

    private Path export(String query) throws Exception {
        byte[] zip = auditor().get("/api/v1/audit/export" + query).then().statusCode(200)
                .contentType("application/zip").extract().asByteArray();
        Path file = Files.createTempFile("audit-export", ".zip");
        Files.write(file, zip);
        return file;
    }

    @Test
    void shouldExportAVerifiableLogOfARealExchange() throws Exception {
        String id = given().contentType(ContentType.JSON).body(Samples.letterJson())
                .post("/api/v1/contact-letters").then().statusCode(202).extract().path("messageId");
        Envelope letter = shenzhen.receive(e -> id.equals(e.header().messageId()), WAIT);
        SignedMessage receipt = shenzhen.compose(MessageType.RECEIPT, "320100", letter.header().conversationId(), id,
                TransportMessages.receipt(letter, Instant.now()));
        shenzhen.send("320100", receipt.bytes());
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/messages/" + id).then()
                .body("status", equalTo("DELIVERED")));
        long head = log.head().sequence();

        ArchiveVerifier.Result result = new ArchiveVerifier(ANCHORS).verify(List.of(export("?toSequence=" + head)));

        assertThat(result.intact()).as("%s", result.report().firstBreak()).isTrue();
        List<AuditEntry> entries = log.entries(1, head, 100_000);
        assertThat(entries).filteredOn(e -> id.equals(e.messageId())).extracting(AuditEntry::kind)
                .containsExactly(AuditKind.MESSAGE_SENT);
        assertThat(entries).filteredOn(e -> receipt.header().messageId().equals(e.messageId()))
                .extracting(AuditEntry::kind).containsExactly(AuditKind.RECEIPT_RECEIVED);
        assertThat(entries).extracting(AuditEntry::kind).contains(AuditKind.CONFIGURATION_CHANGE,
                AuditKind.TRUST_ANCHOR_CHANGE);
        assertThat(result.report().receiptsMatched()).isGreaterThanOrEqualTo(1);
        assertThat(result.report().awaitingReceipt()).doesNotContain(id);
        // the export itself is an auditor's action, recorded after the exported range
        assertThat(log.entries(head + 1, head + 1000, 1000)).anyMatch(e -> e.kind() == AuditKind.OPERATOR_ACTION
                && "auditor-test".equals(e.actor()) && e.detail().endsWith(".." + head));
    }

    @Test
    void shouldHoldASignedMessageOnceAndExportItFromTheMessage() throws Exception {
        String id = given().contentType(ContentType.JSON).body(Samples.letterJson())
                .post("/api/v1/contact-letters").then().statusCode(202).extract().path("messageId");
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/messages/" + id).then()
                .body("status", org.hamcrest.Matchers.not(equalTo("STORED"))));
        long head = log.head().sequence();
        byte[] stored;
        try (Connection c = database.dataSource().getConnection()) {
            try (PreparedStatement s = c.prepareStatement("select content, content_digest from exn_audit_entry "
                    + "where message_id = ? and kind = 'MESSAGE_SENT'")) {
                s.setString(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getBytes(1)).as("the entry's own copy of the content").isNull();
                    assertThat(rs.getString(2)).as("the entry's digest of the content").isNotNull();
                }
            }
            stored = content(c, id);
        }
        // the export reads the bytes from the message: they match the entry's digest
        assertThat(new ArchiveVerifier(ANCHORS).verify(List.of(export("?toSequence=" + head))).intact()).isTrue();

        // and a stored message changed afterwards no longer does
        byte[] changed = stored.clone();
        int at = new String(stored, java.nio.charset.StandardCharsets.UTF_8).indexOf("ContactLetter") + 3;
        changed[at] = (byte) (changed[at] ^ 0x01);
        setContent(id, changed);
        try {
            AuditVerifier.Break found = new ArchiveVerifier(ANCHORS).verify(List.of(export("?toSequence=" + head)))
                    .report().firstBreak();
            assertThat(found).isNotNull();
            assertThat(found.reason()).startsWith("the content of MESSAGE_SENT " + id + " was altered");
        } finally {
            setContent(id, stored);
        }
    }

    private static byte[] content(Connection c, String id) throws java.sql.SQLException {
        try (PreparedStatement s = c.prepareStatement("select content from exn_message where message_id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getBytes(1);
            }
        }
    }

    private void setContent(String id, byte[] content) throws java.sql.SQLException {
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("update exn_message set content = ? where message_id = ?")) {
            s.setBytes(1, content);
            s.setString(2, id);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    void shouldKeepOneChainWhenManyWritersAppendAtOnce() throws Exception {
        long before = log.head().sequence();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            int writer = w;
            writers.add(pool.submit(() -> {
                for (int i = 0; i < 40; i++) {
                    log.record(new AuditEvent(AuditKind.OPERATOR_ACTION, null, "writer-" + writer,
                            "concurrent append " + i, ("w" + writer + "-" + i).getBytes()));
                }
            }));
        }
        for (Future<?> f : writers) {
            f.get();
        }
        pool.shutdown();
        long after = log.head().sequence();

        assertThat(after - before).isGreaterThanOrEqualTo(320);
        List<AuditEntry> appended = log.entries(before + 1, after, 100_000);
        assertThat(appended).hasSize((int) (after - before));
        ArchiveVerifier.Result result = new ArchiveVerifier(ANCHORS).verify(
                List.of(export("?fromSequence=" + (before + 1) + "&toSequence=" + after)));
        assertThat(result.intact()).as("%s", result.report().firstBreak()).isTrue();
    }

    @Test
    void shouldContinueTheChainAcrossASealedArchive() throws Exception {
        log.record(AuditEvent.byNode(AuditKind.OPERATOR_ACTION, null, "before archiving", null));
        var record = archiver.archiveBefore(Instant.now().plusSeconds(1)).orElseThrow();
        log.record(AuditEvent.byNode(AuditKind.OPERATOR_ACTION, null, "after archiving", null));

        Path archive = archiver.directory().resolve(record.fileName());
        assertThat(archive).exists();
        assertThat(log.firstSequence()).contains(record.lastSequence() + 1);
        auditor().get("/api/v1/audit/archives").then().statusCode(200)
                .body("fileName", org.hamcrest.Matchers.hasItem(record.fileName()));
        auditor().get("/api/v1/audit/export?fromSequence=1").then().statusCode(409)
                .body("code", equalTo("AUDIT_RANGE_INVALID"));
        Path rest = export("");

        ArchiveVerifier.Result result = new ArchiveVerifier(ANCHORS).verify(List.of(rest, archive));

        assertThat(result.intact()).as("%s", result.report().firstBreak()).isTrue();
        assertThat(result.startsAtGenesis()).isEqualTo(record.firstSequence() == 1);
        // the move is itself in the log
        assertThat(log.entries(record.lastSequence() + 1, Long.MAX_VALUE, 100_000))
                .anyMatch(e -> e.detail() != null && e.detail().contains("moved to sealed archive " + record.fileName()));
    }

    @Test
    void shouldSignTheHeadOnRequestAndOnlyWhenItMoved() {
        log.record(AuditEvent.byNode(AuditKind.OPERATOR_ACTION, null, "checkpoint test", null));
        long head = log.head().sequence();

        auditor().post("/api/v1/audit/checkpoints").then().statusCode(200).body("sequence", equalTo((int) head));
        String signature = auditor().post("/api/v1/audit/checkpoints").then().statusCode(200).extract().path("signature");

        auditor().get("/api/v1/audit/head").then().statusCode(200)
                .body("lastCheckpoint.signature", equalTo(signature));
    }

    @Test
    void shouldRefuseCallersWithoutTheAuditorRole() {
        given().auth().none().get("/api/v1/audit/head").then().statusCode(401);
        given().auth().preemptive().basic("clerk-test", "clerk-test-password").get("/api/v1/audit/export").then()
                .statusCode(403);
        given().auth().preemptive().basic("auditor-test", "wrong").get("/api/v1/audit/head").then().statusCode(401);
    }

    @Test
    void shouldNameTheParameterOfABadRange() {
        auditor().get("/api/v1/audit/export?from=yesterday").then().statusCode(400)
                .body("message", equalTo("from must be an ISO-8601 instant such as 2026-11-26T00:00:00Z, got 'yesterday'"));
        auditor().get("/api/v1/audit/export?fromSequence=5&toSequence=4").then().statusCode(400)
                .body("code", equalTo("AUDIT_RANGE_INVALID"));
    }
}
