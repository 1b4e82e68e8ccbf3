package org.cmppgw.simulator.fakejsms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.cmppgw.simulator.http.HttpReplies;
import org.cmppgw.simulator.jsms.Mobiles;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * The fake endpoint's {@code POST /v1/messages}, {@code POST /v1/messages/batch} and {@code POST /v1/codes}: Basic
 * auth against the one configured app, the JSMS request checks in the order a client meets them (path, method, auth,
 * media type, body, fields), a msg_id per accepted recipient, and a report owed to the request's
 * {@code callback_url} or the configured default. A code request is checked and answered like a single send; the
 * fake has no template types and keeps no code (the code check is the gateway's own, docs/api.md "Verification
 * codes").
 */
@ChannelHandler.Sharable
final class FakeApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SINGLE = "/v1/messages";
    private static final String BATCH = "/v1/messages/batch";
    private static final String CODES = "/v1/codes";
    /** The API's limit per batch request (docs/api.md), the same rule the load generator's batch size obeys. */
    static final int MAX_RECIPIENTS = 1000;

    private final String credentials;
    private final URI defaultCallback;
    private final CallbackSender callbacks;
    private final FakeJsmsStats stats;
    private long nextMsgId;

    FakeApiHandler(FakeJsmsConfig config, CallbackSender callbacks, FakeJsmsStats stats, long firstMsgId) {
        this.credentials = config.appKey() + ":" + config.masterSecret();
        this.defaultCallback = config.callbackUrl().isEmpty() ? null : URI.create(config.callbackUrl());
        this.callbacks = callbacks;
        this.stats = stats;
        this.nextMsgId = firstMsgId;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String path = new QueryStringDecoder(request.uri()).path();
        if (!SINGLE.equals(path) && !BATCH.equals(path) && !CODES.equals(path)) {
            fail(ctx, request, JsmsError.API_NOT_FOUND);
        } else if (!HttpMethod.POST.equals(request.method())) {
            fail(ctx, request, JsmsError.METHOD_NOT_SUPPORTED);
        } else {
            JsmsError authError = checkAuth(request.headers().get(HttpHeaderNames.AUTHORIZATION));
            if (authError != null) {
                fail(ctx, request, authError);
                return;
            }
            String type = request.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
            if (!type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
                fail(ctx, request, JsmsError.MEDIA_NOT_SUPPORTED);
            } else if (!request.content().isReadable()) {
                fail(ctx, request, JsmsError.MISSING_BODY);
            } else {
                JsonNode body = parse(request);
                if (body == null) {
                    fail(ctx, request, JsmsError.INVALID_BODY);
                } else if (BATCH.equals(path)) {
                    batch(ctx, request, body);
                } else {
                    single(ctx, request, body);
                }
            }
        }
    }

    private void single(ChannelHandlerContext ctx, FullHttpRequest request, JsonNode body) {
        JsmsError error = checkCommon(body);
        JsonNode mobileNode = body.get("mobile");
        if (error == null && (mobileNode == null || mobileNode.isNull())) {
            error = JsmsError.MISSING_MOBILE;
        }
        String mobile = error == null ? Mobiles.normalize(mobileNode.asText()) : null;
        if (error == null && mobile == null) {
            error = JsmsError.INVALID_MOBILE;
        }
        if (error != null) {
            fail(ctx, request, error);
            return;
        }
        String msgId = accept(mobile, callbackUrl(body));
        HttpReplies.json(ctx, request, HttpResponseStatus.OK, "{\"msg_id\":\"" + msgId + "\"}");
    }

    private void batch(ChannelHandlerContext ctx, FullHttpRequest request, JsonNode body) {
        JsmsError error = checkCommon(body);
        JsonNode recipients = body.get("recipients");
        if (error == null && (recipients == null || !recipients.isArray() || recipients.isEmpty())) {
            error = recipients == null || recipients.isArray() ? JsmsError.RECIPIENTS_EMPTY : JsmsError.INVALID_BODY;
        }
        if (error == null && recipients.size() > MAX_RECIPIENTS) {
            error = JsmsError.TOO_MANY_RECIPIENTS;
        }
        if (error != null) {
            fail(ctx, request, error);
            return;
        }
        URI callbackUrl = callbackUrl(body);
        ObjectNode reply = JSON.createObjectNode();
        ArrayNode failures = JSON.createArrayNode();
        ArrayNode accepted = JSON.createArrayNode();
        for (JsonNode recipient : recipients) {
            JsonNode mobileNode = recipient.get("mobile");
            String mobile = mobileNode == null ? null : Mobiles.normalize(mobileNode.asText());
            if (mobile == null) {
                JsmsError why = mobileNode == null ? JsmsError.MISSING_MOBILE : JsmsError.INVALID_MOBILE;
                stats.rejected.increment();
                ObjectNode failure = failures.addObject()
                    .put("error_code", Integer.toString(why.code()))
                    .put("error_message", why.message());
                failure.set("mobile", mobileNode);
                failure.set("temp_para", recipient.get("temp_para"));
            } else {
                accepted.addObject().put("msg_id", accept(mobile, callbackUrl)).put("mobile", mobile);
            }
        }
        reply.put("success_count", accepted.size()).put("failure_count", failures.size());
        reply.set("failure_recipients", failures);
        reply.set("recipients", accepted);
        HttpReplies.json(ctx, request, HttpResponseStatus.OK, reply.toString());
    }

    /** temp_id present and an integer; callback_url, when present, an absolute http URL. */
    private static JsmsError checkCommon(JsonNode body) {
        JsonNode tempId = body.get("temp_id");
        if (tempId == null || tempId.isNull()) {
            return JsmsError.MISSING_TEMP_ID;
        }
        if (!tempId.isIntegralNumber() || body.has("temp_para") && !body.get("temp_para").isObject()) {
            return JsmsError.INVALID_BODY;
        }
        JsonNode url = body.get("callback_url");
        if (url != null && (!url.isTextual() || !isHttpUrl(url.asText()))) {
            return JsmsError.INVALID_BODY;
        }
        return null;
    }

    private static boolean isHttpUrl(String text) {
        try {
            URI uri = URI.create(text);
            return "http".equals(uri.getScheme()) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private URI callbackUrl(JsonNode body) {
        JsonNode url = body.get("callback_url");
        return url == null ? defaultCallback : URI.create(url.asText());
    }

    private String accept(String mobile, URI callbackUrl) {
        String msgId = Long.toString(nextMsgId++);
        stats.accepted.increment();
        callbacks.schedule(msgId, mobile, callbackUrl);
        return msgId;
    }

    private JsmsError checkAuth(String header) {
        if (header == null || header.isEmpty()) {
            return JsmsError.MISSING_AUTH;
        }
        if (!header.regionMatches(true, 0, "Basic ", 0, "Basic ".length())) {
            return JsmsError.AUTH_FAILED;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring("Basic ".length()).trim()),
                StandardCharsets.UTF_8);
            return credentials.equals(decoded) ? null : JsmsError.AUTH_FAILED;
        } catch (IllegalArgumentException e) {
            return JsmsError.AUTH_FAILED;
        }
    }

    private static JsonNode parse(FullHttpRequest request) {
        try (ByteBufInputStream in = new ByteBufInputStream(request.content().duplicate())) {
            JsonNode node = JSON.readTree(in);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private void fail(ChannelHandlerContext ctx, FullHttpRequest request, JsmsError error) {
        stats.rejected.increment();
        HttpReplies.json(ctx, request, error.status(), error.body());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
