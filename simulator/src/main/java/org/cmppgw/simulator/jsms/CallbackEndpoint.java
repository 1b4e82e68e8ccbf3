package org.cmppgw.simulator.jsms;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.cmppgw.simulator.http.HttpReplies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * An app's callback URL (docs/api.md, "Callbacks"): {@code GET ?echostr=X} is answered with X (URL verification);
 * a {@code POST}ed form is parsed into a {@link JsmsCallback}, its signature checked, and then handed to the
 * {@link CallbackListener}. Answers 200 to a good callback so the sender does not retry, 401 to a wrong signature,
 * 400 to a form without the five fields or with data the listener cannot use, 404 to other paths.
 *
 * <p>Shared by every connection of a server, and it uses one {@link JsmsSignature} (one digest), so the server's
 * event loop group must have a single thread.
 */
@ChannelHandler.Sharable
public final class CallbackEndpoint extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(CallbackEndpoint.class);

    private final String path;
    private final JsmsSignature signature;
    private final CallbackListener listener;

    /**
     * @param path      the path callbacks arrive on, e.g. {@code /callback}; other paths get 404
     * @param signature the app's key and secret
     * @param listener  receives every callback; runs on the event loop
     */
    public CallbackEndpoint(String path, JsmsSignature signature, CallbackListener listener) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("path: " + path + " (expected: a path starting with /)");
        }
        if (signature == null || listener == null) {
            throw new IllegalArgumentException("signature and listener: null (expected: both given)");
        }
        this.path = path;
        this.signature = signature;
        this.listener = listener;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        if (!path.equals(uri.path())) {
            HttpReplies.text(ctx, request, HttpResponseStatus.NOT_FOUND, "not found\n");
        } else if (HttpMethod.GET.equals(request.method())) {
            verifyUrl(ctx, request, uri.parameters());
        } else if (HttpMethod.POST.equals(request.method())) {
            callback(ctx, request);
        } else {
            HttpReplies.text(ctx, request, HttpResponseStatus.METHOD_NOT_ALLOWED, "use GET or POST\n");
        }
    }

    private static void verifyUrl(ChannelHandlerContext ctx, FullHttpRequest request,
                                  Map<String, List<String>> params) {
        String echo = first(params, "echostr");
        if (echo == null) {
            HttpReplies.text(ctx, request, HttpResponseStatus.BAD_REQUEST, "missing echostr\n");
        } else {
            HttpReplies.text(ctx, request, HttpResponseStatus.OK, echo);
        }
    }

    private void callback(ChannelHandlerContext ctx, FullHttpRequest request) {
        String body = request.content().toString(StandardCharsets.UTF_8);
        Map<String, List<String>> form = new QueryStringDecoder(body, StandardCharsets.UTF_8, false).parameters();
        for (String field : JsmsCallback.FIELDS) {
            if (first(form, field) == null) {
                listener.onMalformed("missing field " + field, body);
                HttpReplies.text(ctx, request, HttpResponseStatus.BAD_REQUEST, "missing field\n");
                return;
            }
        }
        JsmsCallback callback = new JsmsCallback(first(form, "type"), first(form, "nonce"),
            first(form, "timestamp"), first(form, "signature"), first(form, "data"));
        if (!signature.verify(callback.nonce(), callback.timestamp(), callback.signature())) {
            listener.onBadSignature(callback);
            HttpReplies.text(ctx, request, HttpResponseStatus.UNAUTHORIZED, "bad signature\n");
        } else if (listener.onCallback(callback)) {
            HttpReplies.text(ctx, request, HttpResponseStatus.OK, "ok");
        } else {
            HttpReplies.text(ctx, request, HttpResponseStatus.BAD_REQUEST, "bad data\n");
        }
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("callback connection {} failed", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }
}
