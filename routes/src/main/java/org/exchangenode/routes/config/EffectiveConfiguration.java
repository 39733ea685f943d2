package org.exchangenode.routes.config;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.exchangenode.core.text.Redaction;

/**
 * The settings that change what the node does, gathered from every mapping for the audit log's configuration entry.
 * Key names are those of the properties, so an auditor reads them as an installer wrote them. The audit log's own
 * switch is not here: the log that obeys it says whether it is on.
 */
@Singleton
public class EffectiveConfiguration {
    private final NodeConfig node;
    private final BrokerConfig broker;
    private final DatabaseConfig database;
    private final CryptoConfig crypto;
    private final DirectoryConfig directory;
    private final OutboundConfig outbound;
    private final DeadlineConfig deadlines;
    private final AuditConfig audit;
    private final ApiConfig api;
    private final OperationsConfig operations;

    public EffectiveConfiguration(NodeConfig node, BrokerConfig broker, DatabaseConfig database, CryptoConfig crypto,
                                  DirectoryConfig directory, OutboundConfig outbound, DeadlineConfig deadlines,
                                  AuditConfig audit, ApiConfig api, OperationsConfig operations) {
        this.operations = operations;
        this.node = node;
        this.broker = broker;
        this.database = database;
        this.crypto = crypto;
        this.directory = directory;
        this.outbound = outbound;
        this.deadlines = deadlines;
        this.audit = audit;
        this.api = api;
    }

    /** Sorted by key; URLs redacted, passwords never read. {@code certificateSerial} is the loaded certificate's. */
    public Map<String, Object> settings(String certificateSerial) {
        Map<String, Object> settings = new TreeMap<>();
        settings.put("node.id", node.id());
        settings.put("node.data-dir", node.dataDir().toAbsolutePath());
        settings.put("node.max-message-bytes", node.maxMessageBytes());
        // which instance wrote this entry, when several share the database, and how long its claims hold
        settings.put("node.instance-id", node.instanceId().orElse("(generated at start)"));
        settings.put("node.claim-lease", node.claimLease());
        ApiConfig.LoginThrottle throttle = api.loginThrottle();
        settings.put("node.api.login-throttle", throttle.maxFailures() + " in " + throttle.window() + " lock "
                + throttle.lockout() + " max " + throttle.maxLockout());
        settings.put("node.broker.url", broker.url().map(Redaction::text).orElse("(embedded) tcp://"
                + broker.embedded().host() + ":" + broker.embedded().port()));
        settings.put("node.broker.user", broker.user().orElse(""));
        if (broker.url().isEmpty()) {
            // who may log in to the embedded broker, and whether it speaks TLS (names only, never a password)
            settings.put("node.broker.embedded.users", new TreeSet<>(broker.embedded().users().keySet()).toString());
            settings.put("node.broker.embedded.key-store", broker.embedded().keyStore()
                    .map(p -> p.toAbsolutePath() + " (TLS)").orElse("(none: plain TCP on loopback)"));
        }
        settings.put("node.broker.consumers", broker.consumers());
        settings.put("node.broker.inbox-group", broker.inboxGroup());
        settings.put("node.database.kind", database.kind());
        settings.put("node.database.url", database.url().map(Redaction::text).orElse("(embedded H2)"));
        settings.put("node.database.schema", database.schema().orElse(""));
        settings.put("node.keys.certificate", crypto.keys().certificate().toAbsolutePath() + " serial " + certificateSerial);
        settings.put("node.trust.anchors", crypto.trust().anchors());
        settings.put("node.trust.crls", crypto.trust().crls().map(p -> p.toAbsolutePath() + " check "
                + crypto.trust().crlCheckInterval()).orElse("(none: no revocation checking)"));
        DirectoryConfig.PeerDirectoryFile file = directory.directory();
        settings.put("node.directory", file.file().map(p -> p.toAbsolutePath().toString()).orElse("(none: node.peers)")
                + " authority " + file.authorityCertificate().map(p -> p.toAbsolutePath().toString()).orElse("(none)")
                + " allow-unsigned-for-development " + file.allowUnsignedForDevelopment());
        settings.put("node.encryption.peers", crypto.encryption().peers().map(List::toString).orElse("[]"));
        directory.peers().forEach((id, peer) -> settings.put("node.peers." + id + ".name", peer.name()));
        OutboundConfig.Relay relay = outbound.relay();
        settings.put("node.relay", relay.pollInterval() + " batch " + relay.batchSize() + " retry " + relay.retryDelay()
                + " refusals " + relay.maxRefusals() + " from " + relay.refusalDelay() + " max " + relay.maxRefusalDelay());
        OutboundConfig.Delivery delivery = outbound.delivery();
        settings.put("node.delivery", delivery.receiptTimeout() + " x" + delivery.backoffMultiplier() + " max "
                + delivery.maxReceiptTimeout() + " jitter " + delivery.jitter() + " sends " + delivery.maxSends());
        settings.put("node.calendar.dir", deadlines.calendar().dir().toAbsolutePath());
        DeadlineConfig.Deadlines d = deadlines.deadlines();
        settings.put("node.deadlines", "step3 " + d.step3Days() + " step3a " + d.step3aDays() + " step4 " + d.step4Days()
                + " due-soon " + d.dueSoonDays() + " sweep " + d.sweepInterval() + " reminders " + d.reminders());
        settings.put("node.audit", "checkpoint " + audit.checkpointInterval() + " retain "
                + audit.retainFor().map(Object::toString).orElse("forever"));
        // how many ids one operator replays alone, and how long a larger replay waits for the second operator
        settings.put("node.operations", "four-eyes-threshold " + operations.fourEyesThreshold()
                + " replay-request-expiry " + operations.replayRequestExpiry());
        return settings;
    }
}
