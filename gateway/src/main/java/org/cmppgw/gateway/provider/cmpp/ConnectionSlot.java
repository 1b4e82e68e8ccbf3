package org.cmppgw.gateway.provider.cmpp;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import org.cmppgw.cmpp.session.CmppSession;
import org.cmppgw.cmpp.session.client.CmppClient;
import org.cmppgw.cmpp.session.client.CmppLoginException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One of a provider's {@code connections}: keeps exactly one session logged in, reconnecting after a loss or a failed
 * login with exponential back-off and jitter (docs/cmpp-protocol.md §12.5). A login refused with Status 2, 3 or 4 is a
 * configuration error: the slot goes straight to the longest back-off and {@link Sessions} logs it once at ERROR.
 * While the provider's circuit breaker is open the slot does not even try.
 *
 * <p>Only a slot this node holds connects ({@link Sessions#holds}; all of them unless nodes share the provider's
 * connections, docs/operations.md "Several nodes on one database"): a slot not held parks instead of connecting or
 * reconnecting, and {@link #granted()} wakes it.
 *
 * <p>Its events (connect result, session up, session down, timer) happen one after another, each handed over through
 * a Netty executor, so its plain fields are safely published without locks.
 */
final class ConnectionSlot {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionSlot.class);

    private final PoolServices services;
    private final Sessions sessions;
    private final int index;
    private final String label;
    private final EventLoop timer;
    private final Backoff backoff;
    /** Idle because the slot is not held: {@link #granted()} connects it. */
    private final AtomicBoolean parked = new AtomicBoolean();

    ConnectionSlot(PoolServices services, int index, EventLoop timer) {
        this.services = services;
        this.sessions = services.sessions();
        this.index = index;
        this.label = Integer.toString(index);
        this.timer = timer;
        this.backoff = new Backoff(services.reconnect(), () -> ThreadLocalRandom.current().nextDouble());
    }

    /** The slot's index in the pool as a metric label ("0" .. connections − 1). */
    String label() {
        return label;
    }

    /** One connection attempt, unless the pool is closing or the circuit breaker is open (then try later). */
    void connect() {
        if (sessions.isClosing() || park()) {
            return;
        }
        if (!services.breaker().tryAcquirePermission()) {
            schedule(backoff.next());
            return;
        }
        long start = services.nanoTime();
        SessionPump pump = new SessionPump(services, this);
        Future<CmppSession> login = CmppClient.connect(services.group(), services.clientConfig(), pump);
        login.addListener(f -> {
            long took = services.nanoTime() - start;
            if (f.isSuccess()) {
                services.breaker().onSuccess(took, TimeUnit.NANOSECONDS);
                backoff.reset();
                sessions.loggedIn();
            } else {
                services.breaker().onError(took, TimeUnit.NANOSECONDS, f.cause());
                loginFailed(f.cause());
            }
        });
    }

    void sessionUp(SessionPump pump) {
        sessions.up(index, pump);
        if (!sessions.holds(index)) {
            // released while logging in: its sessionDown parks the slot
            pump.session().terminate();
        }
    }

    void sessionDown(SessionPump pump, Throwable causeOrNull) {
        if (!sessions.down(index, pump) || sessions.isClosing()) {
            return;
        }
        if (park()) {
            LOG.info("provider={} connection={} - session closed: the slot is no longer held by this node",
                services.provider(), label);
            return;
        }
        if (causeOrNull != null) {
            services.breaker().onError(0, TimeUnit.NANOSECONDS, causeOrNull);
        }
        long delay = backoff.next();
        LOG.info("provider={} connection={} - session ended ({}), reconnecting in {} ms", services.provider(), label,
            causeOrNull == null ? "terminated" : causeOrNull.toString(), TimeUnit.NANOSECONDS.toMillis(delay));
        services.metrics().reconnect();
        schedule(delay);
    }

    /** The slot is held again: connects it if it was parked. Any thread. */
    void granted() {
        if (parked.compareAndSet(true, false)) {
            execute(this::connect);
        }
    }

    /** @return true when the slot is not held and is now parked (a grant meanwhile un-parks it at once) */
    private boolean park() {
        if (sessions.holds(index)) {
            return false;
        }
        parked.set(true);
        if (sessions.holds(index) && parked.compareAndSet(true, false)) {
            return false;
        }
        return true;
    }

    /** Ends the slot's session because the slot was released; its sessionDown parks the slot. Any thread. */
    void released() {
        SessionPump pump = sessions.current(index);
        if (pump != null) {
            pump.session().terminate();
        }
    }

    private void execute(Runnable task) {
        try {
            timer.execute(task);
        } catch (RejectedExecutionException e) {
            // The event loops are shutting down: nothing to connect for.
        }
    }

    private void loginFailed(Throwable cause) {
        if (sessions.isClosing()) {
            return;
        }
        long delay;
        if (cause instanceof CmppLoginException login && login.isConfigurationError()) {
            delay = backoff.max();
            sessions.configurationError(login, delay);
        } else {
            delay = backoff.next();
            LOG.warn("provider={} connection={} - connect failed ({}), retrying in {} ms", services.provider(),
                label, cause.toString(), TimeUnit.NANOSECONDS.toMillis(delay));
        }
        services.metrics().reconnect();
        schedule(delay);
    }

    private void schedule(long delayNanos) {
        try {
            timer.schedule(this::connect, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // The event loops are shutting down: nothing to reconnect for.
        }
    }
}
