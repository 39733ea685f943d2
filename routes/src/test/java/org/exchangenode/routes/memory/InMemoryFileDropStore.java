package org.exchangenode.routes.memory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.routes.localsystem.FileDropStore;
import org.exchangenode.routes.messages.MessageWrite;

/** Accepted drop files in memory, by digest; the {@link InMemoryMessageStore} records one with its form. TEST ONLY. */
public final class InMemoryFileDropStore implements FileDropStore {
    private final Map<String, Accepted> accepted = new LinkedHashMap<>();

    /** A file recorded meanwhile fails the write, as the JDBC store's primary key does. */
    synchronized void check(MessageWrite.FileDrop drop) {
        if (accepted.containsKey(drop.digest())) {
            throw new ExchangeException(ErrorCode.TRANSIENT_FAILURE, "database: drop file already recorded");
        }
    }

    synchronized void record(MessageWrite.FileDrop drop) {
        accepted.put(drop.digest(), new Accepted(drop.messageId(), drop.conversationId(), drop.to(), drop.at()));
    }

    @Override
    public synchronized Optional<Accepted> find(String digest) {
        return Optional.ofNullable(accepted.get(digest));
    }
}
