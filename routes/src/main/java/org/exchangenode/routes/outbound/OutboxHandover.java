package org.exchangenode.routes.outbound;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.exchangenode.routes.config.OutboundConfig;
import org.exchangenode.routes.instances.Claim;
import org.exchangenode.routes.instances.NodeInstance;

/**
 * Hands the outbox rows a store has just committed to this instance's relay in memory, so that the relay sends them
 * without claiming and reading them back (a claiming transaction and three statements per message, and a poll that
 * finds nothing because an earlier drain took the row).
 *
 * <p>The store asks for a {@link Slot} before its transaction and writes the outbox row already claimed by the slot's
 * claim; after the commit it {@linkplain #hand hands} the row over, or {@linkplain #release releases} the slot when
 * nothing was written. The claim is what keeps this safe: no other instance takes the row while it holds, and if this
 * process dies between the commit and the send the row is taken over when the claim expires, exactly as the rows of
 * a batch claimed from the table. The relay skips a handed row whose claim no longer holds (the table's poll sends
 * it), and records its outcome only through the claim, as for any claimed row.
 *
 * <p>The queue is bounded, by {@code 2 x node.relay.batch-size} rows and by {@value #MAX_BYTES} bytes of content
 * (a node started with {@code -Xmx512m} keeps its headroom even when the queued messages are large): a store that finds
 * no slot free writes the row unclaimed and {@linkplain #requestPoll requests a poll}, as every write of an outbox row
 * that is not handed over does, so a wake of the relay then reads the table as well.
 */
@Singleton
public class OutboxHandover {
    /** The most content the queue holds, in bytes. */
    public static final long MAX_BYTES = 16L * 1024 * 1024;
    private final NodeInstance instance;
    private final Duration renewAfter;
    private final Semaphore slots;
    private final AtomicLong bytes = new AtomicLong();
    private final ConcurrentLinkedQueue<Handed> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean pollRequested = new AtomicBoolean(true);
    private volatile Current current;

    public OutboxHandover(NodeInstance instance, OutboundConfig config) {
        this.instance = instance;
        this.renewAfter = instance.lease().dividedBy(2);
        this.slots = new Semaphore(2 * config.relay().batchSize());
    }

    /** A place in the queue for a row of {@code size} bytes of content, and the claim to write the row with. */
    public record Slot(Claim claim, int size) {
    }

    /** A committed outbox row handed over with its claim. */
    public record Handed(Claim claim, OutboxEntry entry, int size) {
    }

    /**
     * A slot for one row of {@code size} bytes of content, or null when the queue is full. The claim is shared by the
     * rows reserved in the same half lease, so that a batch of them is recorded through one claim; each row keeps at
     * least half a lease to be sent.
     */
    public Slot reserve(Instant now, int size) {
        if (!slots.tryAcquire()) {
            return null;
        }
        if (bytes.addAndGet(size) > MAX_BYTES) {
            bytes.addAndGet(-size);
            slots.release();
            return null;
        }
        return new Slot(claimAt(now), size);
    }

    /** The claim rows reserved now are written with, and when the next one starts. */
    private record Current(Claim claim, Instant renewal) {
    }

    private Claim claimAt(Instant now) {
        Current held = current;
        if (held != null && now.isBefore(held.renewal())) {
            return held.claim();
        }
        synchronized (this) {
            if (current == null || !now.isBefore(current.renewal())) {
                current = new Current(instance.claim(now), now.plus(renewAfter));
            }
            return current.claim();
        }
    }

    /** The store committed the row reserved by {@code slot}: the relay may send it. */
    public void hand(Slot slot, OutboxEntry entry) {
        queue.add(new Handed(slot.claim(), entry, slot.size()));
    }

    /** The store wrote nothing for {@code slot} (its transaction failed or found a duplicate). */
    public void release(Slot slot) {
        bytes.addAndGet(-slot.size());
        slots.release();
    }

    /** An outbox row was written without being handed over: the relay's next wake reads the table. */
    public void requestPoll() {
        pollRequested.set(true);
    }

    /** For the relay: whether a poll was requested since the last call; clears the request. */
    public boolean takePollRequest() {
        return pollRequested.getAndSet(false);
    }

    /** For the relay: up to {@code limit} handed rows, oldest first, out of the queue. */
    public List<Handed> take(int limit) {
        List<Handed> taken = new ArrayList<>(Math.min(limit, 16));
        Handed next;
        while (taken.size() < limit && (next = queue.poll()) != null) {
            taken.add(next);
            bytes.addAndGet(-next.size());
            slots.release();
        }
        return taken;
    }
}
