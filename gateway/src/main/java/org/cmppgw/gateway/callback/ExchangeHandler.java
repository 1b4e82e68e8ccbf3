package org.cmppgw.gateway.callback;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import org.cmppgw.gateway.metrics.CallbackOutcome;

import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The last handler of a pooled callback connection: the {@link HttpExchange}s whose requests it carries, in the order
 * they were written (more than one when requests are pipelined, see {@link EndpointPool}). HTTP/1.1 answers come in
 * that order, so each answer (status, keep-alive, end) belongs to the oldest. The body is not needed and released at
 * once. The connection goes back to its pool when it has carried its last exchange and the server keeps it alive.
 * A connection that breaks fails every exchange still on it; one that talks without an exchange, or idles, is closed.
 */
final class ExchangeHandler extends ChannelInboundHandlerAdapter {
    private final ArrayDeque<Carried> carried = new ArrayDeque<>();
    private final Channel channel;
    private EndpointPool pool;
    private boolean held;
    /** This connection has carried an exchange before: the server may have closed it meanwhile. */
    private boolean used;
    private boolean confirmed;
    private boolean closeAnnounced;
    private boolean closing;
    private int answers;

    /** An exchange on this connection; {@code answersBefore}: answers this connection had given when it was written. */
    private record Carried(HttpExchange exchange, boolean behind, int answersBefore) {
    }

    ExchangeHandler(Channel channel) {
        this.channel = channel;
    }

    Channel channel() {
        return channel;
    }

    /** Exchanges written and not yet answered. */
    int carrying() {
        return carried.size();
    }

    /**
     * Whether the server showed it keeps this connection open after an answer (HTTP/1.1 keep-alive) and has not
     * announced its close: only then may requests wait here behind others.
     */
    boolean pipelinable() {
        return confirmed && !closeAnnounced;
    }

    /** The connection was taken from {@code from}; it returns there when it has carried its last exchange. */
    void acquiredFrom(EndpointPool from) {
        this.pool = from;
        this.held = true;
    }

    /** {@code exchange}'s request is written next on this connection. */
    void carry(HttpExchange exchange) {
        boolean behind = !carried.isEmpty();
        exchange.attach(channel, this, used || behind);
        carried.addLast(new Carried(exchange, behind, answers));
        used = true;
    }

    /**
     * {@code exchange} ends without its answer (timeout, write failure): the connection is closed, since it could
     * never answer the exchanges behind it; they fail when it closes.
     */
    void abandoned(HttpExchange exchange, CallbackOutcome outcome) {
        for (Carried c : carried) {
            if (c.exchange() == exchange) {
                carried.remove(c);
                if (outcome == CallbackOutcome.TIMEOUT) {
                    blameIfPipeliningFailed(c, "a pipelined request timed out after the ones ahead were answered");
                }
                close();
                return;
            }
        }
    }

    /** The connection leaves its exchange's hands without carrying one (it timed out while connecting). */
    void unused() {
        release();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (closing) {
                // what is still decoded as the connection closes may be the rest of an abandoned answer: no one's
                return;
            }
            Carried head = carried.peekFirst();
            if (head == null) {
                // an answer nobody asked for (e.g. a 408 before an idle close): the connection is not trustworthy
                close();
                return;
            }
            HttpExchange exchange = head.exchange();
            exchange.answering();
            if (msg instanceof HttpResponse response) {
                exchange.response(response.status().code(), HttpUtil.isKeepAlive(response));
            }
            if (msg instanceof LastHttpContent) {
                carried.pollFirst();
                answers++;
                answered(exchange);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void answered(HttpExchange exchange) {
        boolean keepAlive = exchange.keepAlive();
        pool.answeredIn(exchange.elapsedNanos());
        if (keepAlive) {
            confirmed = true;
        } else {
            // the requests still waiting here are sent again elsewhere when it closes, as the server asked
            closeAnnounced = true;
        }
        exchange.answered();
        if (!keepAlive) {
            close();
        } else if (carried.isEmpty()) {
            release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        release();
        failAll(new ClosedChannelException());
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        failAll(cause);
        close();
    }

    /** The connection broke: every exchange still on it fails (and is sent again elsewhere if it may be). */
    private void failAll(Throwable cause) {
        List<Carried> left = new ArrayList<>(carried);
        carried.clear();
        for (Carried c : left) {
            if (!closeAnnounced) {
                blameIfPipeliningFailed(c, "the connection ended after the server answered the requests ahead of"
                    + " a pipelined one");
            }
            c.exchange().fail(CallbackOutcome.IO_ERROR, cause);
        }
    }

    /**
     * A request that waited behind others and was left unanswered after the ones ahead of it were answered: the
     * server (or a proxy before it) does not handle pipelined requests, so its pool stops pipelining for a while.
     */
    private void blameIfPipeliningFailed(Carried c, String what) {
        if (c.behind() && answers > c.answersBefore()) {
            pool.pipeliningFailed(what);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent && carried.isEmpty()) {
            close();
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    private void close() {
        closing = true;
        channel.close();
    }

    /** Back to the pool, once per acquire: kept if the connection is alive, else dropped by its health check. */
    private void release() {
        if (held) {
            held = false;
            pool.left(channel);
        }
    }
}
