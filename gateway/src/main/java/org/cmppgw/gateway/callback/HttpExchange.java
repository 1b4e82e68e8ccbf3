package org.cmppgw.gateway.callback;

import io.netty.channel.Channel;
import io.netty.channel.pool.SimpleChannelPool;
import org.cmppgw.gateway.metrics.CallbackOutcome;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.function.LongSupplier;

/**
 * One callback POST in {@link CallbackHttp}: from the pool's connection to the last byte of the answer, or to the
 * first failure or the timeout, whichever comes first; then the connection goes back to its pool (kept alive) or is
 * closed. Lives on the client's event loop only.
 *
 * <p>A connection from the pool may have been closed by the app's server while it sat idle. If a reused connection
 * fails before any byte of the answer arrived, the exchange is handed once to its resend step (a new connection, see
 * {@link CallbackHttp}) instead of ending; its timeout keeps running from the start.
 */
final class HttpExchange {
    private final CompletableFuture<CallbackHttp.Result> result = new CompletableFuture<>();
    private final LongSupplier nanoClock;
    private final long startNanos;
    private ScheduledFuture<?> timeout;
    private Channel channel;
    private SimpleChannelPool pool;
    private int status;
    private boolean keepAlive;
    private boolean reused;
    private boolean answering;
    private Runnable resend;
    private boolean done;

    HttpExchange(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
    }

    CompletableFuture<CallbackHttp.Result> result() {
        return result;
    }

    void timeout(ScheduledFuture<?> task) {
        this.timeout = task;
    }

    /** What to do, once, when a reused connection fails before the answer started. */
    void resendOnStale(Runnable step) {
        this.resend = step;
    }

    /**
     * The pool handed us a connection, {@code wasUsed} if it served an earlier exchange; false if the exchange
     * already ended (timed out while connecting).
     */
    boolean attach(Channel ch, SimpleChannelPool from, boolean wasUsed) {
        if (done) {
            return false;
        }
        this.channel = ch;
        this.pool = from;
        this.reused = wasUsed;
        this.answering = false;
        return true;
    }

    /** Something of the answer arrived: from now on a failure is the app's, never a stale connection's. */
    void answering() {
        answering = true;
    }

    /** The status line and headers arrived. */
    void response(int httpStatus, boolean reusable) {
        this.status = httpStatus;
        this.keepAlive = reusable;
    }

    /** The last byte of the answer arrived. */
    void answered() {
        finish(status == 200 ? CallbackOutcome.DELIVERED : CallbackOutcome.REJECTED, null, keepAlive);
    }

    void fail(CallbackOutcome outcome, Throwable error) {
        if (!done && outcome == CallbackOutcome.IO_ERROR && reused && !answering && resend != null) {
            Runnable step = resend;
            resend = null;
            release(false);
            channel = null;
            pool = null;
            step.run();
            return;
        }
        finish(outcome, error, false);
    }

    /** As {@link #fail}, if {@code ch} is still this exchange's connection (not one it already left). */
    void failOn(Channel ch, CallbackOutcome outcome, Throwable error) {
        if (ch == channel) {
            fail(outcome, error);
        }
    }

    private void finish(CallbackOutcome outcome, Throwable error, boolean reuse) {
        if (done) {
            return;
        }
        done = true;
        if (timeout != null) {
            timeout.cancel(false);
        }
        release(reuse);
        result.complete(new CallbackHttp.Result(outcome, status, nanoClock.getAsLong() - startNanos, error));
    }

    /** Leaves the connection: back to its pool if {@code reuse}, else closed. */
    private void release(boolean reuse) {
        if (channel == null) {
            return;
        }
        ExchangeHandler handler = channel.pipeline().get(ExchangeHandler.class);
        if (handler != null) {
            handler.end(this);
        }
        if (!reuse) {
            channel.close();
        }
        // a closed connection is dropped by the pool's release health check
        pool.release(channel);
    }
}
