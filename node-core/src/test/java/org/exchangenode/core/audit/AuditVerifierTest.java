package org.exchangenode.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.exchangenode.core.Samples;
import org.exchangenode.core.TestPki;
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

/** A golden log of signed messages and operator actions, and every way of tampering with it. */
class AuditVerifierTest {
    private final TestPki pki = new TestPki(SignatureAlgorithms.SM2_SM3);
    private final NodeCredentials nanjing = pki.node("320100");
    private final MessageComposer composer = new MessageComposer(new MessageSigner(nanjing), new XsdValidator());
    private final AuditVerifier verifier = new AuditVerifier(pki.anchors());
    private final List<AuditEntry> log = new ArrayList<>();
    private final Map<Long, byte[]> contents = new HashMap<>();
    private final List<Checkpoint> checkpoints = new ArrayList<>();

    private void append(AuditKind kind, String messageId, String actor, String detail, byte[] content) {
        AuditEntry entry = AuditChain.next(log.isEmpty() ? null : log.get(log.size() - 1), Instant.now(), kind,
                messageId, actor, detail, content);
        log.add(entry);
        if (content != null) {
            contents.put(entry.sequence(), content);
        }
    }

    private SignedMessage letter() {
        return composer.compose(EnvelopeHeader.create(MessageType.CONTACT_LETTER, "320100", "440300", "C-AUDIT", null),
                ContactLetterXml.write(Samples.contactLetter()));
    }

    private AuditVerifier.Report verify() {
        return verifier.verify(AuditChain.GENESIS, log, e -> contents.get(e.sequence()), checkpoints);
    }

    @BeforeEach
    void writeGoldenLog() {
        for (int i = 0; i < 3; i++) {
            SignedMessage message = letter();
            append(AuditKind.MESSAGE_SENT, message.header().messageId(), "node", null, message.bytes());
        }
        append(AuditKind.OPERATOR_ACTION, null, "operator-li", "replay reason=peer was down",
                "{\"action\":\"replay\"}".getBytes(StandardCharsets.UTF_8));
        checkpoints.add(Checkpoint.sign(nanjing, log.get(log.size() - 1), Instant.now()));
    }

    @Test
    void shouldFindTheGoldenLogIntact() {
        AuditVerifier.Report report = verify();

        assertThat(report.intact()).isTrue();
        assertThat(report.entriesChecked()).isEqualTo(4);
        assertThat(report.messagesVerified()).isEqualTo(3);
        assertThat(report.checkpointsChecked()).isEqualTo(1);
    }

    @Test
    void shouldReportEachUnloggedPeriodWhenTheLogWasSwitchedOffAndOnAgain() {
        append(AuditKind.AUDIT_DISABLED, null, "node", "node.audit.enabled=false", null);
        AuditEntry off = log.get(log.size() - 1);
        append(AuditKind.AUDIT_DISABLED, null, "node", "node.audit.enabled=false", null);   // a second run with it off
        append(AuditKind.AUDIT_ENABLED, null, "node", "the log is on again", null);
        AuditEntry on = log.get(log.size() - 1);
        SignedMessage message = letter();
        append(AuditKind.MESSAGE_SENT, message.header().messageId(), "node", null, message.bytes());
        append(AuditKind.AUDIT_DISABLED, null, "node", "node.audit.enabled=false", null);
        AuditEntry offAgain = log.get(log.size() - 1);

        AuditVerifier.Report report = verify();

        assertThat(report.intact()).isTrue();
        assertThat(report.unlogged()).containsExactly(
                new AuditVerifier.Unlogged(off.sequence(), off.time(), on.sequence(), on.time()),
                new AuditVerifier.Unlogged(offAgain.sequence(), offAgain.time(), null, null));
        assertThat(report.unlogged().get(0).toString()).startsWith("unlogged period from " + off.time());
        assertThat(report.unlogged().get(1).toString()).contains("still off");

        // an export that starts inside the period still shows where it ended
        List<AuditEntry> fromInside = log.subList((int) (on.sequence() - 1), log.size());
        assertThat(AuditVerifier.unlogged(fromInside).get(0).toString())
                .startsWith("unlogged period from before the first entry given to " + on.time());
    }

    @Test
    void shouldVerifyTheFourEyesEntriesOfABulkReplayAndNameAnAlteredApprover() {
        append(AuditKind.REPLAY_REQUESTED, null, "operator-li", "replay request r-1 of 25 FAILED message(s) by "
                + "operator-li: 440300 back", null);
        append(AuditKind.REPLAY_APPROVED, null, "operator-wang", "replay request r-1 requested by operator-li "
                + "approved by operator-wang: checked", null);
        append(AuditKind.REPLAY_REJECTED, null, "operator-wang", "replay request r-2 rejected", null);

        AuditVerifier.Report report = verify();
        assertThat(report.intact()).isTrue();
        assertThat(report.entriesChecked()).isEqualTo(7);

        AuditEntry approved = log.get(5);
        log.set(5, new AuditEntry(approved.sequence(), approved.time(), approved.kind(), approved.messageId(),
                "operator-li", approved.detail(), approved.contentDigest(), approved.previousHash(), approved.hash()));
        assertThat(verify().firstBreak().sequence()).as("the requester written in as approver").isEqualTo(6);
    }

    @Test
    void shouldAcceptPingsAndPongsAsMessagesSentAndReceivedWithoutAwaitingAReceipt() {
        // an operator's connectivity check: the node audits its Ping and the peer's Pong like any message
        SignedMessage ping = composer.compose(EnvelopeHeader.create(MessageType.PING, "320100", "440300", "PING-1", null),
                TransportMessages.ping("nonce-1", Instant.now()));
        append(AuditKind.MESSAGE_SENT, ping.header().messageId(), "node", null, ping.bytes());
        SignedMessage pong = composer.compose(EnvelopeHeader.create(MessageType.PONG, "320100", "440300", "PING-1",
                ping.header().messageId()), TransportMessages.pong(ping.header().messageId(), "nonce-1", Instant.now()));
        append(AuditKind.MESSAGE_RECEIVED, pong.header().messageId(), "node", null, pong.bytes());

        AuditVerifier.Report report = verify();

        assertThat(report.firstBreak()).isNull();
        assertThat(report.intact()).isTrue();
        assertThat(report.awaitingReceipt()).doesNotContain(ping.header().messageId());
    }

    @Test
    void shouldNameTheEntryWhenAFieldWasChanged() {
        AuditEntry e = log.get(1);
        log.set(1, new AuditEntry(e.sequence(), e.time(), e.kind(), e.messageId(), "someone-else", e.detail(),
                e.contentDigest(), e.previousHash(), e.hash()));

        assertThat(verify().firstBreak()).isEqualTo(new AuditVerifier.Break(2,
                "the entry was altered (its hash does not match its fields)"));
    }

    @Test
    void shouldNameTheGapWhenAnEntryWasRemoved() {
        log.remove(1);

        assertThat(verify().firstBreak().sequence()).isEqualTo(3);
        assertThat(verify().firstBreak().reason()).contains("expected sequence 2");
    }

    @Test
    void shouldDetectARewrittenTailWhenTheCheckpointNoLongerMatches() {
        // rewrite the last entry and re-chain it: the chain itself is consistent again, the signed checkpoint is not
        AuditEntry last = log.remove(log.size() - 1);
        append(AuditKind.OPERATOR_ACTION, null, "operator-li", "nothing happened", "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(verify().firstBreak().sequence()).isEqualTo(last.sequence());
        assertThat(verify().firstBreak().reason()).startsWith("the checkpoint's head hash " + last.hash())
                .endsWith("differs from entry 4's hash " + log.get(3).hash() + " (the log was rewritten)");
    }

    @Test
    void shouldDetectATruncatedLogWhenACheckpointCoversMore() {
        log.remove(log.size() - 1);

        assertThat(verify().firstBreak().reason()).contains("the log ends at 3 (entries were removed)");
    }

    @Test
    void shouldNameTheMessageWhenItsContentWasAltered() {
        byte[] original = contents.get(2L);
        contents.put(2L, new String(original, StandardCharsets.UTF_8).replace("张伟", "张三").getBytes(StandardCharsets.UTF_8));

        assertThat(verify().firstBreak().sequence()).isEqualTo(2);
        assertThat(verify().firstBreak().reason()).contains("was altered: the entry says SM3");
    }

    @Test
    void shouldReportAMissingContent() {
        contents.remove(3L);

        assertThat(verify().firstBreak().reason()).contains("is missing");
    }

    @Test
    void shouldRefuseACheckpointSignedByAnUntrustedKey() {
        checkpoints.set(0, Checkpoint.sign(new TestPki(SignatureAlgorithms.SM2_SM3).node("320100"), log.get(3), Instant.now()));

        assertThat(verify().firstBreak().reason()).contains("CERTIFICATE_UNTRUSTED");
    }

    @Test
    void shouldRefuseACheckpointWhoseSignatureWasForged() {
        Checkpoint c = checkpoints.get(0);
        checkpoints.set(0, new Checkpoint(c.nodeId(), c.sequence(), c.headHash(), c.time().plusSeconds(1), c.algorithm(),
                c.signature(), c.chain()));

        assertThat(verify().firstBreak().reason()).isEqualTo("the checkpoint's signature does not verify");
    }

    @Test
    void shouldContinueAcrossArchivesWhenGivenThePreviousArchivesLastHash() {
        List<AuditEntry> second = List.copyOf(log.subList(2, 4));

        AuditVerifier.Report report = verifier.verify(log.get(1).hash(), second, e -> contents.get(e.sequence()), checkpoints);

        assertThat(report.intact()).isTrue();
        assertThat(report.entriesChecked()).isEqualTo(2);
    }
}
