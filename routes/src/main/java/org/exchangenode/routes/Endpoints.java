package org.exchangenode.routes;

import java.time.Duration;

/**
 * The Camel endpoint URIs of this module's routes, spelled in one place (STYLE 13). Broker queue and JMS property
 * names, which code outside Camel uses too (the inbox consumers, the sender, the dead-letter browser), stay in
 * {@link org.exchangenode.routes.broker.BrokerNames}.
 */
public final class Endpoints {
    public static final String OUTBOUND_RELAY_TIMER = "outbound.relay";
    public static final String RECEIPT_WATCH_TIMER = "outbound.receipt-watch";
    public static final String AUDIT_CHECKPOINT_TIMER = "audit.checkpoint";
    public static final String AUDIT_ARCHIVE_TIMER = "audit.archive";
    public static final String FILE_DROP_TIMER = "local.file-drop";
    public static final String WEBHOOK_TIMER = "local.webhook";
    public static final String CRL_TIMER = "trust.crls";
    public static final String DIRECTORY_TIMER = "directory.reload";
    public static final String DEADLINE_SWEEP_TIMER = "deadlines.sweep";
    public static final String HEALTH_SAMPLE_TIMER = "health.sample";

    /** Sending any body here asks the relay to drain soon; wake-ups beyond one pending are redundant and dropped. */
    public static final String OUTBOUND_RELAY_WAKE = "seda:outbound.relay.wake?size=1&discardWhenFull=true";

    private Endpoints() {
    }

    /** A timer firing first after {@code delay}, then every {@code period}. */
    public static String timer(String name, Duration delay, Duration period) {
        return "timer:" + name + "?delay=" + delay.toMillis() + "&period=" + period.toMillis();
    }
}
