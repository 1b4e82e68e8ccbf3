package org.cmppgw.gateway.provider.cmpp;

import org.cmppgw.cmpp.session.client.CmppLoginException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The logged-in sessions of one provider, by connection slot: which are up (the router's availability), which to
 * wake when work arrives, and whether the provider is closing. Lock-free: slots report from their own event loops,
 * the dispatcher wakes from any thread.
 */
final class Sessions {
    private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);

    private final String provider;
    private final AtomicReferenceArray<SessionPump> current;
    /** 1 where this node holds the slot (all of them unless nodes share the provider's connections). */
    private final AtomicIntegerArray held;
    /** Epoch millis of each slot's last up or down, for the console's channels page; written only at login/loss. */
    private final AtomicLongArray changedAt;
    private final Clock clock;
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger wakeCursor = new AtomicInteger();
    private final AtomicBoolean configErrorLogged = new AtomicBoolean();
    private volatile boolean closing;

    Sessions(String provider, int connections) {
        this(provider, connections, Clock.systemUTC());
    }

    Sessions(String provider, int connections, Clock clock) {
        this.provider = provider;
        this.clock = clock;
        this.changedAt = new AtomicLongArray(connections);
        long now = clock.millis();
        for (int i = 0; i < connections; i++) {
            changedAt.set(i, now);
        }
        this.current = new AtomicReferenceArray<>(connections);
        this.held = new AtomicIntegerArray(connections);
        for (int i = 0; i < connections; i++) {
            held.set(i, 1);
        }
    }

    /** Whether this node holds {@code slot}: only then may it have a session (docs/operations.md). */
    boolean holds(int slot) {
        return held.get(slot) == 1;
    }

    /** @return whether this changed the slot's state */
    boolean hold(int slot, boolean holds) {
        return held.getAndSet(slot, holds ? 1 : 0) != (holds ? 1 : 0);
    }

    /** The number of connection slots. */
    int size() {
        return current.length();
    }

    /** The logged-in session of {@code slot}, or {@code null} while it is (re)connecting. */
    SessionPump current(int slot) {
        return current.get(slot);
    }

    /** Logged-in sessions now. */
    int active() {
        return active.get();
    }

    void up(int slot, SessionPump pump) {
        current.set(slot, pump);
        changedAt.set(slot, clock.millis());
        active.incrementAndGet();
    }

    /** @return false when {@code pump} was not the slot's session (already replaced): nothing changed */
    boolean down(int slot, SessionPump pump) {
        if (!current.compareAndSet(slot, pump, null)) {
            return false;
        }
        changedAt.set(slot, clock.millis());
        active.decrementAndGet();
        return true;
    }

    /** Epoch millis when {@code slot} last came up or went down (or when the pool was built, if neither yet). */
    long changedAt(int slot) {
        return changedAt.get(slot);
    }

    boolean isClosing() {
        return closing;
    }

    /** From now on no session pulls work and no slot reconnects. */
    void close() {
        closing = true;
    }

    /** Wakes one idle session other than {@code except}, starting at a rotating slot. */
    void wakeOne(SessionPump except) {
        int slots = current.length();
        int start = wakeCursor.getAndIncrement();
        for (int i = 0; i < slots; i++) {
            SessionPump pump = current.get(Math.floorMod(start + i, slots));
            if (pump != null && pump != except && pump.wake()) {
                return;
            }
        }
    }

    /** A login succeeded: the next configuration error is logged again. */
    void loggedIn() {
        configErrorLogged.set(false);
    }

    /** Login Status 2/3/4: the account, secret or version is wrong. One ERROR line until a login succeeds again. */
    void configurationError(CmppLoginException login, long retryNanos) {
        if (configErrorLogged.compareAndSet(false, true)) {
            LOG.error("provider={} - login refused with Status {} ({}): check account, password and version; "
                + "retrying about every {} ms", provider, login.status(), CmppLoginException.describe(login.status()),
                TimeUnit.NANOSECONDS.toMillis(retryNanos));
        }
    }
}
