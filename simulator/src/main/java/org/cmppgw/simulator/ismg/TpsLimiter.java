package org.cmppgw.simulator.ismg;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * An account's SUBMIT rate limit (流速, docs/cmpp-protocol.md §12.2), shared by all its connections: a token bucket of
 * {@code burst} tokens refilled at {@code tps} a second. A refused SUBMIT is answered with Result 8 (§11.2).
 *
 * <p>Implemented as the generic cell rate algorithm, which is a token bucket kept as one number: the theoretical
 * arrival time of the next SUBMIT. A SUBMIT conforms when that time is at most {@code burst - 1} intervals ahead of
 * now. One {@link AtomicLong} and a compare-and-set per call: lock-free, no refill thread, exact at any rate.
 */
public final class TpsLimiter {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final TpsLimiter UNLIMITED = new TpsLimiter();

    private final long intervalNanos;
    private final long toleranceNanos;
    private final LongSupplier nanoClock;
    private final AtomicLong theoreticalArrival;

    private TpsLimiter() {
        intervalNanos = 0;
        toleranceNanos = 0;
        nanoClock = null;
        theoreticalArrival = null;
    }

    private TpsLimiter(int tps, int burst, LongSupplier nanoClock) {
        this.intervalNanos = Math.max(1, NANOS_PER_SECOND / tps);
        this.toleranceNanos = (burst - 1) * intervalNanos;
        this.nanoClock = nanoClock;
        this.theoreticalArrival = new AtomicLong(nanoClock.getAsLong());
    }

    /** A limiter that lets everything through (tps 0 in the configuration). */
    public static TpsLimiter unlimited() {
        return UNLIMITED;
    }

    /**
     * {@code tps} SUBMITs a second with a burst of one second's worth, as carriers count per second; {@code tps} 0
     * means unlimited.
     */
    public static TpsLimiter perSecond(int tps, LongSupplier nanoClock) {
        return tps == 0 ? UNLIMITED : of(tps, tps, nanoClock);
    }

    /**
     * @param tps       sustained rate, 1.. a second
     * @param burst     SUBMITs allowed at once after a quiet spell, 1..
     * @param nanoClock monotonic time in nanoseconds ({@code System::nanoTime} in production)
     */
    public static TpsLimiter of(int tps, int burst, LongSupplier nanoClock) {
        if (tps < 1) {
            throw new IllegalArgumentException("tps: " + tps + " (expected: >= 1)");
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst: " + burst + " (expected: >= 1)");
        }
        return new TpsLimiter(tps, burst, Objects.requireNonNull(nanoClock, "nanoClock"));
    }

    public boolean isUnlimited() {
        return theoreticalArrival == null;
    }

    /** Takes one token; false means over the limit (answer Result 8). Never blocks. */
    public boolean tryAcquire() {
        if (theoreticalArrival == null) {
            return true;
        }
        long now = nanoClock.getAsLong();
        for (;;) {
            long tat = theoreticalArrival.get();
            // Compare by difference: nanoTime values may wrap.
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
