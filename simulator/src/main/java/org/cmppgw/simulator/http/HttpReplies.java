package org.cmppgw.simulator.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Writes complete HTTP responses with the request's protocol version and a Content-Length, so keep-alive
 * connections stay usable. The pipeline's keep-alive handler closes the connection when the request asked for it.
 */
public final class HttpReplies {
    /** The content type JSON replies carry. */
    public static final String JSON = "application/json; charset=utf-8";
    /** The content type plain-text replies carry. */
    public static final String TEXT = "text/plain; charset=utf-8";

    private HttpReplies() {
    }

    /** Sends {@code body} (ownership passes to this method). */
    public static void send(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status,
                            CharSequence contentType, ByteBuf body) {
        FullHttpResponse response = new DefaultFullHttpResponse(request.protocolVersion(), status, body);
        response.headers()
            .set(HttpHeaderNames.CONTENT_TYPE, contentType)
            .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        ctx.writeAndFlush(response);
    }

    /** Sends UTF-8 text. */
    public static void text(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status,
                            CharSequence text) {
        send(ctx, request, status, TEXT, ByteBufUtil.writeUtf8(ctx.alloc(), text));
    }

    /** Sends a UTF-8 JSON document. */
    public static void json(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status,
                            CharSequence json) {
        send(ctx, request, status, JSON, ByteBufUtil.writeUtf8(ctx.alloc(), json));
    }

    /** Sends an empty body. */
    public static void empty(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status) {
        FullHttpResponse response = new DefaultFullHttpResponse(request.protocolVersion(), status);
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, HttpHeaderValues.ZERO);
        ctx.writeAndFlush(response);
    }
}
