package org.cmppgw.simulator.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The app side of JSMS callbacks (JSMS-API.md, "Callbacks"): {@code GET ?echostr=X} is answered with X (URL
 * verification); {@code POST} form callbacks are checked against the app's signature (401 and counted when wrong),
 * and each SMS_REPORT is matched with the msg_id the API returned and timed. Answers 200 to every good callback so
 * the sender does not retry. Runs on the generator's event loop, sharing {@link RunStats} with the API client.
 */
@ChannelHandler.Sharable
final class CallbackReceiver extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(CallbackReceiver.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String path;
    private final JsmsSignature signature;
    private final RunStats stats;
    private final LongSupplier nanoClock;

    CallbackReceiver(String path, JsmsSignature signature, RunStats stats, LongSupplier nanoClock) {
        this.path = path;
        this.signature = signature;
        this.stats = stats;
        this.nanoClock = nanoClock;
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
        long now = nanoClock.getAsLong();
        Map<String, List<String>> form = new QueryStringDecoder(
            request.content().toString(StandardCharsets.UTF_8), StandardCharsets.UTF_8, false).parameters();
        String nonce = first(form, "nonce");
        String timestamp = first(form, "timestamp");
        String sign = first(form, "signature");
        String type = first(form, "type");
        String data = first(form, "data");
        if (nonce == null || timestamp == null || sign == null || type == null || data == null) {
            stats.badCallbacks++;
            HttpReplies.text(ctx, request, HttpResponseStatus.BAD_REQUEST, "missing field\n");
            return;
        }
        if (!signature.verify(nonce, timestamp, sign)) {
            stats.badSignatures++;
            HttpReplies.text(ctx, request, HttpResponseStatus.UNAUTHORIZED, "bad signature\n");
            return;
        }
        stats.callbacks++;
        switch (type) {
            case "SMS_REPORT" -> {
                if (!smsReport(data, now)) {
                    stats.badCallbacks++;
                    HttpReplies.text(ctx, request, HttpResponseStatus.BAD_REQUEST, "bad data\n");
                    return;
                }
            }
            case "SMS_REPLY" -> stats.smsReplies++;
            case "EMAIL_REPORT" -> stats.emailReports++;
            default -> stats.otherCallbacks++;
        }
        HttpReplies.text(ctx, request, HttpResponseStatus.OK, "ok");
    }

    /** Matches and times one report; false when its data is unusable. */
    private boolean smsReport(String data, long now) {
        long msgId;
        int status;
        try {
            JsonNode node = JSON.readTree(data);
            JsonNode id = node.get("msgId");
            JsonNode statusNode = node.get("status");
            if (id == null || statusNode == null || !statusNode.canConvertToInt()) {
                return false;
            }
            msgId = Long.parseUnsignedLong(id.asText());
            status = statusNode.asInt();
        } catch (IOException | NumberFormatException e) {
            LOG.debug("unusable SMS_REPORT data {}", data, e);
            return false;
        }
        stats.smsReports++;
        stats.lastReportNanos = now;
        stats.reportStatus(status);
        long latency = stats.tracker.report(msgId, now);
        if (latency >= 0) {
            RunStats.record(stats.callbackLatency, latency);
        }
        return true;
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
