package org.cmppgw.gateway.callback;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.pool.ChannelHealthChecker;
import io.netty.channel.pool.ChannelPoolHandler;
import io.netty.channel.pool.SimpleChannelPool;
import io.netty.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The keep-alive connections of one callback endpoint, used on the callback client's event loop only: the idle ones
 * (most recently used first), and the one that takes pipelined requests.
 *
 * <p><b>Pipelining</b> (HTTP/1.1, RFC 9112 §9.3.2): up to {@code depth} requests wait on one connection for their
 * answers, which come in order. The requests of a burst of callbacks then leave in one write and their answers arrive
 * in one read, where one request per connection costs a write and a read each. A request goes on the connection the
 * request before it went on, behind the ones still waiting there, as long as:
 * <ul>
 *   <li>the server answered a request on that connection and kept it open, so it speaks persistent HTTP/1.1, and has
 *       not announced that it closes it;</li>
 *   <li>the endpoint answers fast enough that {@code depth} answers in a row fit in half the request timeout, so
 *       waiting behind others cannot make a request time out;</li>
 *   <li>pipelining to this endpoint has not failed in the last {@value #PAUSE_MINUTES} minutes: the server closed a
 *       connection, or a request timed out, after the requests ahead of it were answered. A request that waited behind
 *       others and got no answer is sent again on a new connection, once, as for a stale connection; POSTs may be
 *       pipelined only because that recovery exists (callbacks are delivered at least once).</li>
 * </ul>
 */
final class EndpointPool extends SimpleChannelPool {
    private static final Logger LOG = LoggerFactory.getLogger(EndpointPool.class);
    static final int PAUSE_MINUTES = 10;
    private static final long PAUSE_NANOS = TimeUnit.MINUTES.toNanos(PAUSE_MINUTES);

    private final String key;
    private final int depth;
    private final long requestTimeoutNanos;
    private final LongSupplier nanoClock;
    private boolean fresh;
    private ExchangeHandler filling;
    private long answerNanos = -1;
    private boolean paused;
    private long pausedAtNanos;

    /**
     * @param key     the endpoint, for the log
     * @param depth   requests one connection carries at once; 1: no pipelining
     */
    EndpointPool(String key, Bootstrap bootstrap, ChannelPoolHandler handler, int depth, long requestTimeoutNanos,
                 LongSupplier nanoClock) {
        super(bootstrap, handler, ChannelHealthChecker.ACTIVE, true, true);
        this.key = key;
        this.depth = depth;
        this.requestTimeoutNanos = requestTimeoutNanos;
        this.nanoClock = nanoClock;
    }

    /** A new connection, never an idle one: for a request whose connection failed it for no fault of the app. */
    Future<Channel> acquireNew() {
        fresh = true;
        try {
            // acquire() polls the idle connections before it returns, on this thread
            return acquire();
        } finally {
            fresh = false;
        }
    }

    @Override
    protected Channel pollChannel() {
        return fresh ? null : super.pollChannel();
    }

    /** The connection the next request may wait on behind others (see the class comment), or null. */
    ExchangeHandler pipelined() {
        ExchangeHandler handler = filling;
        if (handler == null || !handler.channel().isActive() || !pipelining()) {
            return null;
        }
        return handler.pipelinable() && handler.carrying() < depth ? handler : null;
    }

    private boolean pipelining() {
        if (depth <= 1 || answerNanos * depth > requestTimeoutNanos / 2) {
            return false;
        }
        if (paused && nanoClock.getAsLong() - pausedAtNanos >= PAUSE_NANOS) {
            paused = false;
            LOG.info("callback endpoint {} - pipelining resumed", key);
        }
        return !paused;
    }

    /** A request was written on {@code connection}: the requests after it may follow it there. */
    void writtenOn(ExchangeHandler connection) {
        filling = connection;
    }

    /** An answer came {@code nanos} after its exchange began: the endpoint's pace, smoothed. */
    void answeredIn(long nanos) {
        answerNanos = answerNanos < 0 ? nanos : answerNanos + (nanos - answerNanos) / 8;
    }

    /** Pipelining to this endpoint failed ({@code what}): none for {@value #PAUSE_MINUTES} minutes. */
    void pipeliningFailed(String what) {
        if (!paused) {
            LOG.warn("callback endpoint {} - pipelining paused for {} minutes: {}", key, PAUSE_MINUTES, what);
        }
        paused = true;
        pausedAtNanos = nanoClock.getAsLong();
    }

    /** {@code ch} carries no exchange any more: back to the idle ones if alive, else dropped. */
    void left(Channel ch) {
        if (filling != null && filling.channel() == ch) {
            filling = null;
        }
        release(ch);
    }
}
