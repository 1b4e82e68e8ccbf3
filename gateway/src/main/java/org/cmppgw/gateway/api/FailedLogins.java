package org.cmppgw.gateway.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Failed logins per client address ({@link ClientAddress}), limited to {@code server.authFailureLimit} in a burst,
 * refilled evenly over {@code server.authFailureWindow} (docs/api.md "Connections and limits"). The same generic cell
 * rate algorithm as the per-app request rate: each address keeps one "theoretical arrival time", moved on by every
 * failure; the address is blocked while that time is more than a burst ahead of the clock. Lock-free, shared by every
 * event loop; time comes from an injected nano clock.
 *
 * <p>The table holds at most {@link #MAX_TRACKED} addresses: when it is full, the addresses whose allowance has
 * refilled are dropped, and if it is still full the new addresses share one entry, so a flood from many addresses
 * costs bounded memory and is still limited.
 */
final class FailedLogins {
    static final int MAX_TRACKED = 100_000;
    /** The entry addresses share once the table is full: 0.0.0.0, never a peer's address. */
    private static final InetAddress OVERFLOW = overflowKey();

    private final long intervalNanos;
    private final long toleranceNanos;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<InetAddress, AtomicLong> theoreticalArrival = new ConcurrentHashMap<>();
    private final AtomicLong nextSweep;
    private final boolean enabled;

    /**
     * @param limit       failures allowed in a burst; 0 = no limit
     * @param windowNanos the time over which the allowance refills
     */
    FailedLogins(int limit, long windowNanos, LongSupplier nanoClock) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit: " + limit + " (expected: >= 0)");
        }
        if (windowNanos <= 0) {
            throw new IllegalArgumentException("windowNanos: " + windowNanos + " (expected: > 0)");
        }
        this.enabled = limit > 0;
        this.intervalNanos = enabled ? Math.max(1, windowNanos / limit) : 0;
        this.toleranceNanos = enabled ? intervalNanos * (limit - 1) : 0;
        this.nanoClock = nanoClock;
        this.nextSweep = new AtomicLong(nanoClock.getAsLong());
    }

    /** True when {@code client} has used up its failures: its requests are refused without a password check. */
    boolean blocked(InetAddress client) {
        if (!enabled || client == null) {
            return false;
        }
        AtomicLong entry = theoreticalArrival.get(client);
        if (entry == null) {
            entry = theoreticalArrival.get(OVERFLOW);
            if (entry == null || theoreticalArrival.size() < MAX_TRACKED) {
                return false;
            }
        }
        long now = nanoClock.getAsLong();
        long tat = entry.get();
        return tat - now > toleranceNanos;
    }

    /** Counts one failed login of {@code client}. */
    void failed(InetAddress client) {
        if (!enabled || client == null) {
            return;
        }
        long now = nanoClock.getAsLong();
        AtomicLong entry = entry(client, now);
        for (;;) {
            long tat = entry.get();
            long start = tat - now > 0 ? tat : now;
            if (entry.compareAndSet(tat, start + intervalNanos)) {
                return;
            }
        }
    }

    /** Addresses tracked, for tests. */
    int tracked() {
        return theoreticalArrival.size();
    }

    private AtomicLong entry(InetAddress client, long now) {
        AtomicLong entry = theoreticalArrival.get(client);
        if (entry != null) {
            return entry;
        }
        if (theoreticalArrival.size() >= MAX_TRACKED) {
            long due = nextSweep.get();
            // a refilled entry says nothing a fresh one would not; one sweep per interval keeps a flood from
            // turning every failure into a scan of the whole table
            if (now - due >= 0 && nextSweep.compareAndSet(due, now + intervalNanos)) {
                theoreticalArrival.values().removeIf(e -> e.get() - now <= 0);
            }
            if (theoreticalArrival.size() >= MAX_TRACKED) {
                return theoreticalArrival.computeIfAbsent(OVERFLOW, k -> new AtomicLong(now));
            }
        }
        return theoreticalArrival.computeIfAbsent(client, k -> new AtomicLong(now));
    }

    private static InetAddress overflowKey() {
        try {
            return InetAddress.getByAddress(new byte[4]);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("api - 4 bytes are always an IPv4 address", e);
        }
    }
}
