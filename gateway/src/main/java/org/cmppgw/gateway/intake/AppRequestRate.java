package org.cmppgw.gateway.intake;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A per-app request rate limit (429/50019, docs/api.md "Errors"), also an operator's: the generic cell rate algorithm,
 * i.e. a token bucket of one second's worth of requests kept as a single "theoretical arrival time". Lock-free: one
 * compare-and-set per request, shared by every event loop serving the app. Time comes from an injected nano clock.
 */
public final class AppRequestRate {
    private static final long SECOND_NANOS = 1_000_000_000L;

    private final long intervalNanos;
    private final long toleranceNanos;
    private final LongSupplier nanoClock;
    private final AtomicLong theoreticalArrival;

    /**
     * @param perSecond requests allowed per second, also the burst size
     */
    public AppRequestRate(int perSecond, LongSupplier nanoClock) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("perSecond: " + perSecond + " (expected: >= 1)");
        }
        this.intervalNanos = SECOND_NANOS / perSecond;
        this.toleranceNanos = intervalNanos * (perSecond - 1);
        this.nanoClock = nanoClock;
        this.theoreticalArrival = new AtomicLong(nanoClock.getAsLong());
    }

    /** Takes one request's share of the rate; false when the app is over its limit (nothing is taken then). */
    public boolean tryAcquire() {
        long now = nanoClock.getAsLong();
        for (;;) {
            long tat = theoreticalArrival.get();
            long start = tat - now > 0 ? tat : now;
            if (start - now > toleranceNanos) {
                return false;
            }
            if (theoreticalArrival.compareAndSet(tat, start + intervalNanos)) {
                return true;
            }
        }
    }
}
