package org.cmppgw.gateway.api;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import org.cmppgw.gateway.intake.ApiError;
import org.cmppgw.gateway.metrics.GatewayMetrics;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Netty's aggregator with the API's answer to an oversized body: 403 with a JSON error (50007, as JSMS), then the
 * connection is closed. If the client is still sending the body it is read and discarded first and the close happens
 * at its end: closing on unread data would reset the connection and the client would never see the answer. A client
 * that never finishes is cut off after {@link #DRAIN_LIMIT_SECONDS}.
 */
final class ApiObjectAggregator extends HttpObjectAggregator {
    static final long DRAIN_LIMIT_SECONDS = 10;

    private final ApiRouter router;
    private final JsonResponses json;
    private final GatewayMetrics metrics;
    private boolean closeAtEndOfBody;

    ApiObjectAggregator(int maxContentLength, ApiRouter router, JsonResponses json, GatewayMetrics metrics) {
        super(maxContentLength, true);
        this.router = router;
        this.json = json;
        this.metrics = metrics;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        String label = oversized instanceof HttpRequest request
            ? router.label(request.method(), request.uri()) : ApiRoute.OTHER_LABEL;
        ApiReply reply = json.error(ctx.alloc(), ApiError.BODY_TOO_LARGE,
            "invalid body: larger than " + maxContentLength() + " bytes");
        metrics.apiRequest(label, reply.response().status().code(), reply.code(), 0);
        HttpUtil.setKeepAlive(reply.response(), false);
        boolean bodyComing = oversized instanceof FullHttpMessage || !HttpUtil.is100ContinueExpected(oversized);
        if (bodyComing) {
            closeAtEndOfBody = true;
            ctx.writeAndFlush(reply.response());
            ctx.executor().schedule(() -> {
                ctx.close();
            }, DRAIN_LIMIT_SECONDS, TimeUnit.SECONDS);
        } else {
            ctx.writeAndFlush(reply.response()).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, HttpObject msg, List<Object> out) throws Exception {
        super.decode(ctx, msg, out);
        if (closeAtEndOfBody && msg instanceof LastHttpContent) {
            ctx.close();
        }
    }
}
