package org.cmppgw.cmpp.session.server;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets one warning through per interval and counts the ones held back, so a client that reconnects in a loop with the
 * same bad CONNECT cannot flood the log. Logins run on every event loop, hence the atomics. The gateway's own
 * LogThrottle cannot be used here: the gateway depends on this module, not the other way round.
 */
final class WarningThrottle {
    private final long intervalMillis;
    private final Clock clock;
    private final AtomicLong nextMillis = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong heldBack = new AtomicLong();

    WarningThrottle(long intervalMillis, Clock clock) {
        if (intervalMillis <= 0) {
            throw new IllegalArgumentException("intervalMillis: " + intervalMillis + " (expected: > 0)");
        }
        this.intervalMillis = intervalMillis;
        this.clock = clock;
    }

    /** -1 to stay quiet, else how many warnings were held back since the last one that went through. */
    long tryPass() {
        long now = clock.millis();
        long due = nextMillis.get();
        if (now >= due && nextMillis.compareAndSet(due, now + intervalMillis)) {
            return heldBack.getAndSet(0);
        }
        heldBack.incrementAndGet();
        return -1;
    }
}
