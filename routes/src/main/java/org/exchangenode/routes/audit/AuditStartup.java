package org.exchangenode.routes.audit;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.exchangenode.core.audit.AuditChain;
import org.exchangenode.core.audit.AuditKind;
import org.exchangenode.core.pki.PemFiles;
import org.exchangenode.core.signing.NodeCredentials;
import org.exchangenode.core.signing.TrustAnchors;
import org.exchangenode.core.text.Redaction;
import org.exchangenode.routes.config.NodeConfig;
import org.exchangenode.routes.persistence.AuditLog;

/**
 * At start-up, logs the node's effective configuration (no secrets) and its trust anchors whenever they differ from
 * what the log last recorded, so an auditor sees every change of either with its time. A run with the log off
 * ({@code node.audit.enabled=false}) still writes its configuration and an {@code AUDIT_DISABLED} entry before the log
 * stops; the next run with it on writes {@code AUDIT_ENABLED} first, so the verifier reports the unlogged period.
 */
@Singleton
public class AuditStartup {
    private final AuditLog log;
    private final NodeConfig config;
    private final NodeCredentials credentials;
    private final TrustAnchors anchors;

    public AuditStartup(AuditLog log, NodeConfig config, NodeCredentials credentials, TrustAnchors anchors) {
        this.log = log;
        this.config = config;
        this.credentials = credentials;
        this.anchors = anchors;
    }

    void onStart(@Observes StartupEvent event) {
        recordStart();
    }

    private void recordStart() {
        if (!log.enabled()) {
            recordIfChanged(AuditKind.CONFIGURATION_CHANGE, configuration(), "effective configuration at start-up");
            log.recordWhileOff(AuditLog.Event.byNode(AuditKind.AUDIT_DISABLED, null, "node.audit.enabled=false: "
                    + "nothing is logged from this entry until the log is switched on again", null));
            return;
        }
        log.offSince().ifPresent(off ->
                log.record(AuditLog.Event.byNode(AuditKind.AUDIT_ENABLED, null, "the log is on again: nothing was "
                        + "logged from " + off.time() + " (sequence " + off.sequence() + ") until now", null)));
        recordIfChanged(AuditKind.CONFIGURATION_CHANGE, configuration(), "effective configuration at start-up");
        recordIfChanged(AuditKind.TRUST_ANCHOR_CHANGE, anchorsPem(), "trust anchors at start-up: "
                + anchors.certificates().size() + " certificate(s)");
    }

    private void recordIfChanged(AuditKind kind, String text, String detail) {
        byte[] content = text.getBytes(StandardCharsets.UTF_8);
        Optional<String> last = log.lastDigestOf(kind);
        if (last.isEmpty() || !last.get().equals(AuditChain.sm3Hex(content))) {
            AuditLog.Event entry = AuditLog.Event.byNode(kind, null, detail, content);
            if (log.enabled()) {
                log.record(entry);
            } else {
                log.recordWhileOff(entry);
            }
        }
    }

    /** The settings that change what the node does, one per line, sorted; passwords never appear. */
    String configuration() {
        Map<String, Object> settings = new TreeMap<>();
        settings.put("node.id", config.id());
        settings.put("node.data-dir", config.dataDir().toAbsolutePath());
        settings.put("node.max-message-bytes", config.maxMessageBytes());
        settings.put("node.broker.url", config.broker().url().map(Redaction::text).orElse("(embedded) tcp://" + config.broker().embedded().host()
                + ":" + config.broker().embedded().port()));
        settings.put("node.broker.user", config.broker().user().orElse(""));
        settings.put("node.broker.consumers", config.broker().consumers());
        settings.put("node.database.kind", config.database().kind());
        settings.put("node.database.url", config.database().url().map(Redaction::text).orElse("(embedded H2)"));
        settings.put("node.database.schema", config.database().schema().orElse(""));
        settings.put("node.keys.certificate", config.keys().certificate().toAbsolutePath() + " serial "
                + credentials.certificate().getSerialNumber().toString(16));
        settings.put("node.trust.anchors", config.trust().anchors());
        settings.put("node.trust.crls", config.trust().crls().map(p -> p.toAbsolutePath() + " check "
                + config.trust().crlCheckInterval()).orElse("(none: no revocation checking)"));
        settings.put("node.directory", config.directory().file().map(p -> p.toAbsolutePath().toString())
                .orElse("(none: node.peers)") + " authority " + config.directory().authorityCertificate()
                .map(p -> p.toAbsolutePath().toString()).orElse("(none)") + " allow-unsigned-for-development "
                + config.directory().allowUnsignedForDevelopment());
        settings.put("node.encryption.peers", config.encryption().peers().map(List::toString).orElse("[]"));
        config.peers().forEach((id, peer) -> settings.put("node.peers." + id + ".name", peer.name()));
        settings.put("node.relay", config.relay().pollInterval() + " batch " + config.relay().batchSize() + " retry "
                + config.relay().retryDelay() + " refusals " + config.relay().maxRefusals() + " from "
                + config.relay().refusalDelay() + " max " + config.relay().maxRefusalDelay());
        settings.put("node.delivery", config.delivery().receiptTimeout() + " x" + config.delivery().backoffMultiplier()
                + " max " + config.delivery().maxReceiptTimeout() + " jitter " + config.delivery().jitter()
                + " sends " + config.delivery().maxSends());
        settings.put("node.calendar.dir", config.calendar().dir().toAbsolutePath());
        settings.put("node.deadlines", "step3 " + config.deadlines().step3Days() + " step3a " + config.deadlines().step3aDays()
                + " step4 " + config.deadlines().step4Days() + " due-soon " + config.deadlines().dueSoonDays()
                + " sweep " + config.deadlines().sweepInterval() + " reminders " + config.deadlines().reminders());
        settings.put("node.audit.enabled", config.audit().enabled());
        settings.put("node.audit", "checkpoint " + config.audit().checkpointInterval() + " retain "
                + config.audit().retainFor().map(Object::toString).orElse("forever"));
        StringBuilder text = new StringBuilder();
        settings.forEach((key, value) -> text.append(key).append('=').append(Redaction.setting(key, String.valueOf(value)))
                .append('\n'));
        return text.toString();
    }

    private String anchorsPem() {
        return PemFiles.certificatesPem(anchors.certificates().stream()
                .sorted(Comparator.comparing((X509Certificate c) -> c.getSubjectX500Principal().getName())
                        .thenComparing(X509Certificate::getSerialNumber))
                .toList());
    }
}
