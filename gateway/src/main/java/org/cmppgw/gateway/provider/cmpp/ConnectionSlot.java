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

/**
 * One of a provider's {@code connections}: keeps exactly one session logged in, reconnecting after a loss or a failed
 * login with exponential back-off and jitter (cmpp-spec.md §12.5). A login refused with Status 2, 3 or 4 is a
 * configuration error: the slot goes straight to the longest back-off and the pool logs it once at ERROR. While the
 * provider's circuit breaker is open the slot does not even try.
 *
 * <p>Its events (connect result, session up, session down, timer) happen one after another, each handed over through
 * a Netty executor, so its plain fields are safely published without locks.
 */
final class ConnectionSlot {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionSlot.class);

    private final CmppProviderPool pool;
    private final String label;
    private final EventLoop timer;
    private final Backoff backoff;
    private volatile SessionPump current;

    ConnectionSlot(CmppProviderPool pool, int index, EventLoop timer) {
        this.pool = pool;
        this.label = Integer.toString(index);
        this.timer = timer;
        this.backoff = new Backoff(pool.config().reconnect(), () -> ThreadLocalRandom.current().nextDouble());
    }

    /** The slot's index in the pool as a metric label ("0" .. connections − 1). */
    String label() {
        return label;
    }

    /** The logged-in session's pump, or {@code null} while (re)connecting. */
    SessionPump current() {
        return current;
    }

    /** One connection attempt, unless the pool is closing or the circuit breaker is open (then try later). */
    void connect() {
        if (pool.isClosing()) {
            return;
        }
        if (!pool.breaker().tryAcquirePermission()) {
            schedule(backoff.next());
            return;
        }
        long start = pool.nanoTime();
        SessionPump pump = new SessionPump(pool, this);
        Future<CmppSession> login = CmppClient.connect(pool.context().group(), pool.clientConfig(), pump);
        login.addListener(f -> {
            long took = pool.nanoTime() - start;
            if (f.isSuccess()) {
                pool.breaker().onSuccess(took, TimeUnit.NANOSECONDS);
                backoff.reset();
                pool.loggedIn();
            } else {
                pool.breaker().onError(took, TimeUnit.NANOSECONDS, f.cause());
                loginFailed(f.cause());
            }
        });
    }

    void sessionUp(SessionPump pump) {
        current = pump;
        pool.sessionUp();
    }

    void sessionDown(SessionPump pump, Throwable causeOrNull) {
        if (current != pump) {
            return;
        }
        current = null;
        pool.sessionDown();
        if (pool.isClosing()) {
            return;
        }
        if (causeOrNull != null) {
            pool.breaker().onError(0, TimeUnit.NANOSECONDS, causeOrNull);
        }
        long delay = backoff.next();
        LOG.info("provider={} connection={} - session ended ({}), reconnecting in {} ms", pool.name(), label,
            causeOrNull == null ? "terminated" : causeOrNull.toString(), TimeUnit.NANOSECONDS.toMillis(delay));
        pool.metrics().reconnect();
        schedule(delay);
    }

    private void loginFailed(Throwable cause) {
        if (pool.isClosing()) {
            return;
        }
        long delay;
        if (cause instanceof CmppLoginException login && login.isConfigurationError()) {
            delay = backoff.max();
            pool.configurationError(login, delay);
        } else {
            delay = backoff.next();
            LOG.warn("provider={} connection={} - connect failed ({}), retrying in {} ms", pool.name(), label,
                cause.toString(), TimeUnit.NANOSECONDS.toMillis(delay));
        }
        pool.metrics().reconnect();
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
