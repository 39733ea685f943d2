package org.exchangenode.routes.operations;

import static org.exchangenode.core.text.LogText.escape;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;
import org.exchangenode.core.audit.AuditKind;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.exchange.Direction;
import org.exchangenode.core.exchange.MessageStatus;
import org.exchangenode.core.form.FieldViolation;
import org.exchangenode.core.form.InvalidFormException;
import org.exchangenode.core.form.ViolationCode;
import org.exchangenode.routes.audit.AuditEvent;
import org.exchangenode.routes.broker.BrokerNames;
import org.exchangenode.routes.inbound.InboundHandler;
import org.exchangenode.routes.inbound.StillRefused;
import org.exchangenode.routes.jdbc.AuditLog;
import org.exchangenode.routes.localsystem.WebhookStore;
import org.exchangenode.routes.messages.MessageFilter;
import org.exchangenode.routes.messages.MessageStore;
import org.exchangenode.routes.messages.StoredMessage;
import org.exchangenode.routes.outbound.OutboundMessages;
import org.jboss.logging.Logger;

/**
 * Governed operator actions: replaying FAILED outbound messages, re-verifying quarantined documents, moving dead
 * letters back to the inbox. Each needs a reason, can be tried as a dry run, and is recorded in the audit log with
 * who, what and why. Replays keep the original message id, so a receiver that already had a message only sends its
 * Receipt again.
 */
@Singleton
public class Operations {
    private static final Logger LOG = Logger.getLogger(Operations.class);
    /** The most messages one bulk replay by filter touches; a larger backlog is replayed in several calls. */
    public static final int MAX_BULK = 10_000;
    private final MessageStore store;
    private final InboundHandler inbound;
    private final OutboundMessages outbound;
    private final DeadLetters deadLetters;
    private final AuditLog audit;
    private final WebhookStore webhooks;

    public Operations(MessageStore store, InboundHandler inbound, OutboundMessages outbound, DeadLetters deadLetters,
                      AuditLog audit, WebhookStore webhooks) {
        this.store = store;
        this.inbound = inbound;
        this.outbound = outbound;
        this.deadLetters = deadLetters;
        this.audit = audit;
        this.webhooks = webhooks;
    }

    /** Queues FAILED local-system notifications again (the ids given, or every FAILED one). */
    public Summary replayWebhooks(List<String> messageIds, String reason, boolean dryRun, String actor) {
        requireReason(reason);
        IntFunction<List<String>> failedPage = page -> webhooks.list("FAILED", page, 500).stream()
                .map(WebhookStore.Notification::messageId).toList();
        Set<String> ids = idsOrAll(messageIds, failedPage);
        Set<String> failed = dryRun ? idsOrAll(null, failedPage) : Set.of();
        List<String> replayed = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (String id : ids) {
            boolean ok = dryRun ? failed.contains(id) : webhooks.replay(id, actor, reason, Instant.now());
            if (ok) {
                replayed.add(id);
            } else {
                skipped.add(new Skipped(id, "no FAILED local-system notification for this message"));
            }
        }
        LOG.infof("webhook replay by %s%s: %d matched, %d replayed, %d skipped; reason: %s", escape(actor),
                dryRun ? " (dry run)" : "", ids.size(), replayed.size(), skipped.size(), escape(reason));
        return new Summary(dryRun, ids.size(), replayed, skipped);
    }

    /** What a replay did, or would do in a dry run. */
    public record Summary(boolean dryRun, int matched, List<String> replayed, List<Skipped> skipped) {
    }

    public record Skipped(String id, String why) {
    }

    /** The FAILED outbound messages matching a filter (peer, type, error code, stored between from and to). */
    public List<StoredMessage> failed(String peer, String type, String errorCode, Instant from, Instant to, int page,
                                      int size) {
        return store.list(new MessageFilter(Direction.OUTBOUND, type, MessageStatus.FAILED, peer, null, errorCode, from,
                to, page, size));
    }

    /** The ids of the FAILED outbound messages matching a filter, up to {@link #MAX_BULK}, newest first. */
    public List<String> failedIds(String peer, String type, String errorCode, Instant from, Instant to) {
        return List.copyOf(idsOrAll(null, page -> failed(peer, type, errorCode, from, to, page, 500).stream()
                .map(StoredMessage::messageId).toList()));
    }

    /** The broker ids of this node's dead letters, up to {@link #MAX_BULK}. */
    public List<String> deadLetterIds() {
        return List.copyOf(idsOrAll(null, page -> deadLetters.list(DeadLetters.Filter.ANY, page, 500).stream()
                .map(DeadLetters.DeadLetter::brokerId).toList()));
    }

    /**
     * Replays the given FAILED outbound messages, or every one matching the filter when {@code messageIds} is empty.
     */
    public Summary replayFailed(List<String> messageIds, String peer, String type, String errorCode, Instant from,
                                Instant to, String reason, boolean dryRun, String actor) {
        requireReason(reason);
        boolean byFilter = messageIds == null || messageIds.isEmpty();
        Set<String> ids = idsOrAll(messageIds, page -> failed(peer, type, errorCode, from, to, page, 500).stream()
                .map(StoredMessage::messageId).toList());
        List<String> replayed = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        int done = 0;
        for (String id : ids) {
            Optional<StoredMessage> message = store.find(id);
            if (message.isEmpty()) {
                skipped.add(new Skipped(id, "no such message"));
            } else if (message.get().direction() != Direction.OUTBOUND || message.get().status() != MessageStatus.FAILED) {
                skipped.add(new Skipped(id, "is " + message.get().direction() + " " + message.get().status()
                        + ", only FAILED outbound messages are replayed"));
            } else if (dryRun) {
                replayed.add(id);
            } else if (store.replay(id, BrokerNames.inbox(message.get().to()), actor, reason, Instant.now())) {
                replayed.add(id);
            } else {
                skipped.add(new Skipped(id, "changed meanwhile (no longer FAILED)"));
            }
            if (++done % 100 == 0) {
                LOG.infof("replay by %s: %d of %d done (%d replayed, %d skipped)", escape(actor), done, ids.size(),
                        replayed.size(), skipped.size());
            }
        }
        if (!dryRun && !replayed.isEmpty()) {
            outbound.wakeRelay();
        }
        if (dryRun) {
            audit.record(new AuditEvent(AuditKind.OPERATOR_ACTION, null, actor, "dry run of a replay of "
                    + ids.size() + " FAILED message(s)" + (byFilter ? " by filter" : "") + ": " + reason, null));
        }
        LOG.infof("replay by %s%s: %d matched, %d replayed, %d skipped; reason: %s", escape(actor),
                dryRun ? " (dry run)" : "", ids.size(), replayed.size(), skipped.size(), escape(reason));
        return new Summary(dryRun, ids.size(), replayed, skipped);
    }

    /** The outcome of re-verifying a quarantined document. */
    public record Reverified(String quarantineId, String outcome, String code, String reason) {
    }

    public Reverified reverify(String quarantineId, String reason, boolean dryRun, String actor) {
        requireReason(reason);
        QuarantineRecord record = store.findQuarantined(quarantineId).orElseThrow(() ->
                new ExchangeException(ErrorCode.FIELD_INVALID, "no quarantined document " + quarantineId));
        if (record.resolution() != null) {
            return new Reverified(quarantineId, "ALREADY_RESOLVED", null, record.resolution().reason());
        }
        byte[] content = store.quarantinedContent(quarantineId).orElseThrow();
        if (record.contentSize() != null && content.length < record.contentSize()) {
            return new Reverified(quarantineId, "STILL_REFUSED", record.errorCode(), "only the first " + content.length
                    + " of " + record.contentSize() + " bytes were kept: the document cannot be checked again");
        }
        if (dryRun) {
            return new Reverified(quarantineId, "WOULD_REPROCESS", null, "a dry run does not check or process");
        }
        try {
            inbound.reprocess(content);
        } catch (StillRefused e) {
            audit.record(new AuditEvent(AuditKind.OPERATOR_ACTION, record.messageId(), actor, "re-verify of quarantine "
                    + quarantineId + " still refused (" + e.code() + "): " + reason, null));
            return new Reverified(quarantineId, "STILL_REFUSED", e.code(), e.getMessage());
        }
        store.resolveQuarantine(quarantineId, actor, "re-verified and processed: " + reason, Instant.now());
        return new Reverified(quarantineId, "PROCESSED", null, reason);
    }

    /** Moves the given dead letters (or all of this node's, when none are given) back to the inbox. */
    public Summary replayDeadLetters(List<String> brokerIds, String reason, boolean dryRun, String actor) {
        requireReason(reason);
        Set<String> ids = idsOrAll(brokerIds, page -> deadLetters.list(DeadLetters.Filter.ANY, page, 500).stream()
                .map(DeadLetters.DeadLetter::brokerId).toList());
        List<String> replayed = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (String id : ids) {
            Optional<DeadLetters.DeadLetter> letter = deadLetters.find(id);
            if (letter.isEmpty()) {
                skipped.add(new Skipped(id, "not on this node's dead-letter queue"));
                continue;
            }
            if (!dryRun && !deadLetters.replay(id)) {
                skipped.add(new Skipped(id, "left the dead-letter queue meanwhile"));
                continue;
            }
            replayed.add(id);
            if (!dryRun) {
                audit.record(new AuditEvent(AuditKind.OPERATOR_ACTION, letter.get().messageId(), actor,
                        "dead letter " + id + " (" + letter.get().type() + " from " + letter.get().from()
                                + ") moved back to the inbox: " + reason, null));
            }
        }
        LOG.infof("dead-letter replay by %s%s: %d matched, %d replayed, %d skipped; reason: %s", escape(actor),
                dryRun ? " (dry run)" : "", ids.size(), replayed.size(), skipped.size(), escape(reason));
        return new Summary(dryRun, ids.size(), replayed, skipped);
    }

    /** The ids given, or (when none are) every id the pages yield, up to {@link #MAX_BULK}. */
    private static Set<String> idsOrAll(List<String> given, IntFunction<List<String>> page) {
        Set<String> ids = new LinkedHashSet<>(given == null ? List.of() : given);
        if (ids.isEmpty()) {
            for (int number = 0; ids.size() < MAX_BULK; number++) {
                List<String> batch = page.apply(number);
                ids.addAll(batch);
                if (batch.size() < 500) {
                    break;
                }
            }
        }
        return ids;
    }

    public static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidFormException(List.of(new FieldViolation("reason", ViolationCode.REQUIRED,
                    "every operator action needs a reason, recorded in the audit log")));
        }
        if (reason.length() > 500) {
            throw new InvalidFormException(List.of(new FieldViolation("reason", ViolationCode.TOO_LONG,
                    "at most 500 characters")));
        }
    }
}
