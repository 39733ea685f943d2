package org.exchangenode.routes.memory;

/** The in-memory twins of the stores a message's write touches, wired to each other as the JDBC ones share tables. */
public record InMemoryStores(InMemoryMessageStore messages, InMemoryCaseStore cases, InMemoryPullInboxStore inbox,
                             InMemoryWebhookStore webhooks, InMemoryPingStore pings, InMemoryFileDropStore fileDrops) {

    /** @param notifyLocalSystem whether received business messages are queued for a local system's webhook */
    public static InMemoryStores create(boolean notifyLocalSystem) {
        InMemoryCaseStore cases = new InMemoryCaseStore();
        InMemoryPullInboxStore inbox = new InMemoryPullInboxStore();
        InMemoryWebhookStore webhooks = new InMemoryWebhookStore();
        InMemoryPingStore pings = new InMemoryPingStore();
        InMemoryFileDropStore fileDrops = new InMemoryFileDropStore();
        return new InMemoryStores(new InMemoryMessageStore(cases, inbox, notifyLocalSystem ? webhooks : null, pings,
                fileDrops), cases, inbox, webhooks, pings, fileDrops);
    }
}
