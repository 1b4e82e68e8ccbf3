package org.cmppgw.gateway.callback;

import io.netty.channel.Channel;
import org.cmppgw.gateway.metrics.CallbackOutcome;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.function.LongSupplier;

/**
 * One callback POST in {@link CallbackHttp}: from its connection to the last byte of the answer, or to the first
 * failure or the timeout, whichever comes first. The connection's {@link ExchangeHandler} feeds it the answer and
 * decides what becomes of the connection. Lives on the client's event loop only.
 *
 * <p>A request may fail for no fault of the app: on a pooled connection the app's server closed while it sat idle,
 * or behind another request on a pipelined connection the server closed before it answered. If it fails before any
 * byte of its answer arrived, the exchange is handed once to its resend step (a new connection, see
 * {@link CallbackHttp}) instead of ending; its timeout keeps running from the start.
 */
final class HttpExchange {
    private final CompletableFuture<CallbackHttp.Result> result = new CompletableFuture<>();
    private final LongSupplier nanoClock;
    private final long startNanos;
    private ScheduledFuture<?> timeout;
    private Channel channel;
    private ExchangeHandler connection;
    private int status;
    private boolean keepAlive;
    private boolean resendable;
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

    /** What to do, once, when the request fails before its answer started for no fault of the app. */
    void resendOnStale(Runnable step) {
        this.resend = step;
    }

    boolean done() {
        return done;
    }

    /**
     * The request goes on {@code ch}, whose handler is {@code handler}. {@code blameless}: a failure before the answer
     * would not be the app's (the connection served earlier exchanges, or this one waits behind others).
     */
    void attach(Channel ch, ExchangeHandler handler, boolean blameless) {
        this.channel = ch;
        this.connection = handler;
        this.resendable = blameless;
        this.answering = false;
    }

    /** Something of the answer arrived: from now on a failure is the app's, never the connection's. */
    void answering() {
        answering = true;
    }

    /** The status line and headers arrived. */
    void response(int httpStatus, boolean reusable) {
        this.status = httpStatus;
        this.keepAlive = reusable;
    }

    /** Whether the answer lets the connection carry more requests. */
    boolean keepAlive() {
        return keepAlive;
    }

    /** The last byte of the answer arrived; the connection has already let go of this exchange. */
    void answered() {
        connection = null;
        finish(status == 200 ? CallbackOutcome.DELIVERED : CallbackOutcome.REJECTED, null);
    }

    /** Nanoseconds since the exchange began. */
    long elapsedNanos() {
        return nanoClock.getAsLong() - startNanos;
    }

    void fail(CallbackOutcome outcome, Throwable error) {
        if (done) {
            return;
        }
        leave(outcome);
        if (outcome == CallbackOutcome.IO_ERROR && resendable && !answering && resend != null) {
            Runnable step = resend;
            resend = null;
            step.run();
            return;
        }
        finish(outcome, error);
    }

    /** As {@link #fail}, if {@code ch} is still this exchange's connection (not one it already left). */
    void failOn(Channel ch, CallbackOutcome outcome, Throwable error) {
        if (ch == channel) {
            fail(outcome, error);
        }
    }

    private void finish(CallbackOutcome outcome, Throwable error) {
        done = true;
        if (timeout != null) {
            timeout.cancel(false);
        }
        result.complete(new CallbackHttp.Result(outcome, status, elapsedNanos(), error));
    }

    /** Leaves the connection unanswered, which closes it: it can never answer the requests behind this one. */
    private void leave(CallbackOutcome outcome) {
        ExchangeHandler handler = connection;
        connection = null;
        channel = null;
        if (handler != null) {
            handler.abandoned(this, outcome);
        }
    }
}
