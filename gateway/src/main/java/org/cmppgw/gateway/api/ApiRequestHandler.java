package org.cmppgw.gateway.api;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import org.cmppgw.gateway.idempotency.IdempotencyKey;
import org.cmppgw.gateway.intake.ApiError;
import org.cmppgw.gateway.intake.Outcome;
import org.cmppgw.gateway.metrics.GatewayMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * One API connection: serves its requests one at a time and answers them in order (HTTP/1.1 keep-alive and
 * pipelining), routes each ({@link ApiRouter}), lets {@link RequestGate} and the route's {@link BodyRule} check it and
 * the route's {@link ApiEndpoint} answer it. While an answer
 * waits for the intake, later pipelined requests queue (bounded) and reading pauses. Runs on the channel's event
 * loop only, so its state needs no locks.
 */
final class ApiRequestHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ApiRequestHandler.class);
    /** Pipelined requests held while one is answered; more means a misbehaving client, which is disconnected. */
    static final int MAX_PIPELINED = 16;

    private final ApiRouter router;
    private final RequestGate gate;
    private final JsonResponses json;
    private final GatewayMetrics metrics;
    private final LongSupplier nanoClock;
    private final ArrayDeque<FullHttpRequest> waiting = new ArrayDeque<>();
    private boolean busy;

    ApiRequestHandler(ApiRouter router, RequestGate gate, JsonResponses json, GatewayMetrics metrics,
                      LongSupplier nanoClock) {
        this.router = router;
        this.gate = gate;
        this.json = json;
        this.metrics = metrics;
        this.nanoClock = nanoClock;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        metrics.apiConnectionOpened();
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        metrics.apiConnectionClosed();
        dropWaiting();
        super.channelInactive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (!busy) {
            serve(ctx, request);
        } else if (waiting.size() < MAX_PIPELINED) {
            waiting.add(request);
            ctx.channel().config().setAutoRead(false);
        } else {
            request.release();
            LOG.debug("api - {} pipelined more than {} requests, closing", ctx.channel(), MAX_PIPELINED);
            ctx.close();
        }
    }

    private void serve(ChannelHandlerContext ctx, FullHttpRequest request) {
        busy = true;
        long start = nanoClock.getAsLong();
        boolean keepAlive = HttpUtil.isKeepAlive(request) && request.decoderResult().isSuccess();
        ApiRouter.Match match = router.match(request.method(), request.uri());
        CompletableFuture<ApiReply> reply;
        try {
            reply = dispatch(ctx, request, match);
        } catch (RuntimeException e) {
            LOG.warn("api - unexpected failure serving {} {}", request.method(), request.uri(), e);
            reply = CompletableFuture.completedFuture(error(ctx, ApiError.SERVER_ERROR));
        } finally {
            request.release();
        }
        String label = ApiRouter.label(match);
        reply.whenComplete((answer, failure) -> {
            if (ctx.executor().inEventLoop()) {
                finish(ctx, answer, failure, keepAlive, label, start);
            } else {
                ctx.executor().execute(() -> finish(ctx, answer, failure, keepAlive, label, start));
            }
        });
    }

    private CompletableFuture<ApiReply> dispatch(ChannelHandlerContext ctx, FullHttpRequest request,
                                                 ApiRouter.Match match) {
        if (!request.decoderResult().isSuccess()) {
            return CompletableFuture.completedFuture(json.error(ctx.alloc(), ApiError.INVALID_BODY,
                "invalid body: malformed HTTP request"));
        }
        if (match instanceof ApiRouter.WrongMethod wrong) {
            ApiReply reply = error(ctx, ApiError.METHOD_NOT_SUPPORTED);
            reply.response().headers().set(HttpHeaderNames.ALLOW, wrong.allow());
            return CompletableFuture.completedFuture(reply);
        }
        if (!(match instanceof ApiRouter.Found found)) {
            return CompletableFuture.completedFuture(error(ctx, ApiError.API_NOT_FOUND));
        }
        ApiApp app = null;
        String operator = null;
        if (found.route().access() == ApiRoute.Access.PUBLIC) {
            // a tracking link: a recipient's browser, no credentials (docs/api.md "Click tracking")
            app = null;
        } else if (found.route().access() != ApiRoute.Access.APP) {
            Outcome<String> who = found.route().access() == ApiRoute.Access.OPERATOR
                ? gate.admitOperator(request, peer(ctx)) : gate.admitAccount(request, peer(ctx));
            if (!who.isOk()) {
                return CompletableFuture.completedFuture(json.error(ctx.alloc(), who));
            }
            operator = who.value();
        } else {
            Outcome<ApiApp> admitted = gate.admit(request, peer(ctx));
            if (!admitted.isOk()) {
                return CompletableFuture.completedFuture(json.error(ctx.alloc(), admitted));
            }
            app = admitted.value();
        }
        ApiError refused = found.route().body().check(request);
        if (refused != null) {
            return CompletableFuture.completedFuture(error(ctx, refused));
        }
        return found.route().endpoint().handle(new ApiRequest(app, found.params(), request.uri(),
            request.content(), ctx.alloc(), ctx.executor(), operator,
            request.headers().get(HttpHeaderNames.CONTENT_TYPE), request.headers().get(IdempotencyKey.HEADER)));
    }

    private ApiReply error(ChannelHandlerContext ctx, ApiError error) {
        return json.error(ctx.alloc(), error, error.message());
    }

    private static InetAddress peer(ChannelHandlerContext ctx) {
        SocketAddress address = ctx.channel().remoteAddress();
        return address instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }

    private void finish(ChannelHandlerContext ctx, ApiReply answer, Throwable failure, boolean keepAlive,
                        String label, long start) {
        ApiReply reply = answer;
        if (failure != null || reply == null) {
            LOG.warn("api - building the answer failed", failure);
            reply = error(ctx, ApiError.SERVER_ERROR);
        }
        FullHttpResponse response = reply.response();
        metrics.apiRequest(label, response.status().code(), reply.code(), nanoClock.getAsLong() - start);
        if (!ctx.channel().isActive()) {
            response.release();
            dropWaiting();
            return;
        }
        HttpUtil.setKeepAlive(response, keepAlive);
        if (!keepAlive) {
            dropWaiting();
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.writeAndFlush(response);
        busy = false;
        FullHttpRequest next = waiting.poll();
        if (next != null) {
            serve(ctx, next);
        } else {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void dropWaiting() {
        FullHttpRequest queued;
        while ((queued = waiting.poll()) != null) {
            queued.release();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent && !busy) {
            LOG.debug("api - closing idle connection {}", ctx.channel());
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("api - closing {} after {}", ctx.channel(), cause.toString());
        ctx.close();
    }
}
