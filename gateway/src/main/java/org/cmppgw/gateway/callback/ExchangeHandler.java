package org.cmppgw.gateway.callback;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import org.cmppgw.gateway.metrics.CallbackOutcome;

import java.nio.channels.ClosedChannelException;

/**
 * The last handler of a pooled callback connection: feeds the answer of the {@link HttpExchange} in progress (status,
 * keep-alive, end) and fails it when the connection breaks. The body is not needed and released at once. A connection
 * that talks without an exchange, or idles, is closed.
 */
final class ExchangeHandler extends ChannelInboundHandlerAdapter {
    private HttpExchange current;
    private boolean used;

    /** Whether this connection has carried an exchange before: it may have been closed by the server meanwhile. */
    boolean reused() {
        return used;
    }

    void begin(HttpExchange exchange) {
        current = exchange;
        used = true;
    }

    void end(HttpExchange exchange) {
        if (current == exchange) {
            current = null;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            HttpExchange exchange = current;
            if (exchange == null) {
                // an answer nobody asked for (e.g. a 408 before an idle close): the connection is not trustworthy
                ctx.close();
                return;
            }
            exchange.answering();
            if (msg instanceof HttpResponse response) {
                exchange.response(response.status().code(), HttpUtil.isKeepAlive(response));
            }
            if (msg instanceof LastHttpContent) {
                exchange.answered();
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        HttpExchange exchange = current;
        if (exchange != null) {
            exchange.fail(CallbackOutcome.IO_ERROR, new ClosedChannelException());
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        HttpExchange exchange = current;
        if (exchange != null) {
            exchange.fail(CallbackOutcome.IO_ERROR, cause);
        }
        ctx.close();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent && current == null) {
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(event);
    }
}
