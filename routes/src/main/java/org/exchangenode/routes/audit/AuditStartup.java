package org.exchangenode.routes.audit;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import org.exchangenode.core.audit.AuditChain;
import org.exchangenode.core.audit.AuditKind;
import org.exchangenode.core.pki.PemFiles;
import org.exchangenode.core.signing.NodeCredentials;
import org.exchangenode.core.signing.TrustAnchors;
import org.exchangenode.core.text.Redaction;
import org.exchangenode.routes.config.EffectiveConfiguration;
import org.exchangenode.routes.jdbc.AuditLog;

/**
 * At start-up, logs the node's effective configuration (no secrets) and its trust anchors whenever they differ from
 * what the log last recorded, so an auditor sees every change of either with its time. A run with the log off
 * ({@code node.audit.enabled=false}) still writes its configuration and an {@code AUDIT_DISABLED} entry before the log
 * stops; the next run with it on writes {@code AUDIT_ENABLED} first, so the verifier reports the unlogged period.
 */
@Singleton
public class AuditStartup {
    private final AuditLog log;
    private final EffectiveConfiguration configuration;
    private final NodeCredentials credentials;
    private final TrustAnchors anchors;

    public AuditStartup(AuditLog log, EffectiveConfiguration configuration, NodeCredentials credentials, TrustAnchors anchors) {
        this.log = log;
        this.configuration = configuration;
        this.credentials = credentials;
        this.anchors = anchors;
    }

    void onStart(@Observes StartupEvent event) {
        recordStart();
    }

    private void recordStart() {
        if (!log.enabled()) {
            recordIfChanged(AuditKind.CONFIGURATION_CHANGE, configuration(), "effective configuration at start-up");
            log.recordWhileOff(AuditEvent.byNode(AuditKind.AUDIT_DISABLED, null, "node.audit.enabled=false: "
                    + "nothing is logged from this entry until the log is switched on again", null));
            return;
        }
        log.offSince().ifPresent(off ->
                log.record(AuditEvent.byNode(AuditKind.AUDIT_ENABLED, null, "the log is on again: nothing was "
                        + "logged from " + off.time() + " (sequence " + off.sequence() + ") until now", null)));
        recordIfChanged(AuditKind.CONFIGURATION_CHANGE, configuration(), "effective configuration at start-up");
        recordIfChanged(AuditKind.TRUST_ANCHOR_CHANGE, anchorsPem(), "trust anchors at start-up: "
                + anchors.certificates().size() + " certificate(s)");
    }

    private void recordIfChanged(AuditKind kind, String text, String detail) {
        byte[] content = text.getBytes(StandardCharsets.UTF_8);
        Optional<String> last = log.lastDigestOf(kind);
        if (last.isEmpty() || !last.get().equals(AuditChain.sm3Hex(content))) {
            AuditEvent entry = AuditEvent.byNode(kind, null, detail, content);
            if (log.enabled()) {
                log.record(entry);
            } else {
                log.recordWhileOff(entry);
            }
        }
    }

    /** The settings that change what the node does, one per line, sorted; passwords never appear. */
    String configuration() {
        Map<String, Object> settings = configuration.settings(credentials.certificate().getSerialNumber().toString(16));
        settings.put("node.audit.enabled", log.enabled());
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
