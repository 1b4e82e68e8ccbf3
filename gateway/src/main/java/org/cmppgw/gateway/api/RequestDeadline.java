package org.cmppgw.gateway.api;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpMessage;
import org.cmppgw.gateway.metrics.GatewayMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The deadline of one request ({@code server.requestReadTimeout}): a request's line, headers and body must all have
 * arrived within it, counted from the connection's opening or from the first byte after the previous request, or
 * the connection is closed. Unlike Netty's {@code ReadTimeoutHandler}, which starts over at every read, a client that
 * trickles one byte a second (slowloris) gains nothing. Between requests the keep-alive idle timeout applies instead.
 *
 * <p>Two handlers share one instance's state: this one goes first in the pipeline and sees the raw bytes, where a
 * request starts; {@link #completion()} goes after the aggregator and sees each whole request. Both run on the
 * channel's event loop, so the state needs no locks.
 */
final class RequestDeadline extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(RequestDeadline.class);

    private final long timeoutNanos;
    private final GatewayMetrics metrics;
    private final Completion completion = new Completion();
    private ScheduledFuture<?> timer;

    RequestDeadline(long timeoutNanos, GatewayMetrics metrics) {
        this.timeoutNanos = timeoutNanos;
        this.metrics = metrics;
    }

    /** The handler that ends the deadline when a whole request has been read; add it after the aggregator. */
    ChannelInboundHandlerAdapter completion() {
        return completion;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        // a new connection owes its first request: a client that connects and sends nothing is held no longer
        start(ctx);
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (timer == null && msg instanceof ByteBuf bytes && bytes.isReadable()) {
            start(ctx);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        stop();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stop();
    }

    private void start(ChannelHandlerContext ctx) {
        if (timer == null && ctx.channel().isActive()) {
            timer = ctx.executor().schedule(() -> expire(ctx), timeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void expire(ChannelHandlerContext ctx) {
        if (timer == null) {
            return;
        }
        timer = null;
        metrics.apiRequestTimedOut();
        LOG.debug("api - closing {}: request not complete within {} ms", ctx.channel(),
            TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
        ctx.close();
    }

    private void stop() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    /** Ends the deadline at each whole request that comes out of the aggregator. */
    private final class Completion extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof FullHttpMessage) {
                stop();
            }
            ctx.fireChannelRead(msg);
        }
    }
}
