package org.cmppgw.gateway.callback;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Logs failed store writes of the callback path for operators: at most one line per ten seconds, with the running
 * count, however fast they fail (an overloaded store refuses thousands a second). Nothing is lost by a failed write:
 * the task stays leased and is claimed again after the lease. Thread-safe.
 */
final class StoreFailures {
    private static final Logger LOG = LoggerFactory.getLogger(StoreFailures.class);
    private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final AtomicLong failures = new AtomicLong();
    private final LongSupplier nanoClock;
    private final AtomicLong nextLogNanos;

    StoreFailures(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.nextLogNanos = new AtomicLong(nanoClock.getAsLong());
    }

    void failed(String what, Throwable error) {
        long count = failures.incrementAndGet();
        long now = nanoClock.getAsLong();
        long next = nextLogNanos.get();
        if (now - next >= 0 && nextLogNanos.compareAndSet(next, now + INTERVAL_NANOS)) {
            LOG.warn("callbacks - store {} failed, task comes back after its lease ({} store failures so far): {}",
                what, count, error.toString());
        }
    }

    long count() {
        return failures.get();
    }
}
