package org.cmppgw.gateway.provider.cmpp;

import org.cmppgw.gateway.config.ReconnectConfig;

import java.util.function.DoubleSupplier;

/**
 * Reconnect delays of one connection slot (docs/cmpp-protocol.md §12.5): exponential from the initial delay, doubling
 * up to the maximum, with "equal jitter" (half the step fixed, half random) so that the connections of a provider, or
 * many gateways after a carrier outage, do not reconnect in lock-step. Used by one slot at a time; not thread-safe.
 */
final class Backoff {
    private final long initialNanos;
    private final long maxNanos;
    private final DoubleSupplier random;
    private long stepNanos;

    /**
     * @param random uniform in [0, 1): the jitter source (tests pass a constant)
     */
    Backoff(ReconnectConfig config, DoubleSupplier random) {
        this.initialNanos = config.initialDelay().toNanos();
        this.maxNanos = config.maxDelay().toNanos();
        this.random = random;
        this.stepNanos = initialNanos;
    }

    /** The next delay: between half and all of the current step; the step then doubles, up to the maximum. */
    long next() {
        long step = stepNanos;
        stepNanos = step >= maxNanos / 2 ? maxNanos : step * 2;
        return jittered(step);
    }

    /** The maximum delay, jittered: after a configuration error, retrying sooner cannot help (§12.5). */
    long max() {
        stepNanos = maxNanos;
        return jittered(maxNanos);
    }

    /** A connection logged in: the next loss starts from the initial delay again. */
    void reset() {
        stepNanos = initialNanos;
    }

    private long jittered(long step) {
        long half = step / 2;
        return half + (long) (random.getAsDouble() * (step - half));
    }
}
