package org.cmppgw.gateway.api;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One pull per app per interval (JSMS 50201), on this node: a pull is allowed when the app's last allowed pull is at
 * least {@code intervalNanos} ago. A refused pull does not restart the interval, so a client polling a little too
 * fast is still served at the interval. Thread-safe, lock-free; times from the caller's nano clock.
 */
final class PullRate {
    private final long intervalNanos;
    private final ConcurrentHashMap<String, AtomicLong> lastPull = new ConcurrentHashMap<>();

    PullRate(long intervalNanos) {
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("intervalNanos: " + intervalNanos + " (expected: > 0)");
        }
        this.intervalNanos = intervalNanos;
    }

    /** Takes the app's pull at {@code nowNanos}; false when its last one was less than the interval ago. */
    boolean tryPull(String appKey, long nowNanos) {
        AtomicLong last = lastPull.computeIfAbsent(appKey, k -> new AtomicLong(nowNanos - intervalNanos));
        long previous = last.get();
        return nowNanos - previous >= intervalNanos && last.compareAndSet(previous, nowNanos);
    }
}
