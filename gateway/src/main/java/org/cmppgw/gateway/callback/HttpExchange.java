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

    /** The pool handed us a connection; false if the exchange already ended (timed out while connecting). */
    boolean attach(Channel ch, SimpleChannelPool from) {
        if (done) {
            return false;
        }
        this.channel = ch;
        this.pool = from;
        return true;
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
        finish(outcome, error, false);
    }

    private void finish(CallbackOutcome outcome, Throwable error, boolean reuse) {
        if (done) {
            return;
        }
        done = true;
        if (timeout != null) {
            timeout.cancel(false);
        }
        if (channel != null) {
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
        result.complete(new CallbackHttp.Result(outcome, status, nanoClock.getAsLong() - startNanos, error));
    }
}
