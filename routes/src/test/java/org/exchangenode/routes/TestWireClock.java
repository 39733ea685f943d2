package org.exchangenode.routes;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.exchangenode.routes.crypto.WireClock;

/**
 * The clock inbound messages are checked against, in tests: the machine's time plus an offset a test moves forward
 * with {@link #advance} instead of waiting, and takes back with {@link #reset}.
 */
@Singleton
@WireClock
public class TestWireClock extends Clock {
    private volatile Duration offset = Duration.ZERO;

    public void advance(Duration by) {
        offset = offset.plus(by);
    }

    public void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), offset);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }
}
