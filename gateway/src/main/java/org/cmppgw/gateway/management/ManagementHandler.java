package org.cmppgw.gateway.management;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Serves {@code GET /metrics} (Prometheus text format), {@code GET /health/live} (always 200 while the process
 * serves) and {@code GET /health/ready} (200 when every {@link ReadinessCheck} passes, else 503 naming the failing
 * ones). Stateless and shared by every connection.
 */
@ChannelHandler.Sharable
final class ManagementHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    static final String METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    static final String JSON_CONTENT_TYPE = "application/json; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final ReadinessChecks readiness;
    private final JsonFactory json = new JsonFactory();

    ManagementHandler(PrometheusMeterRegistry registry, ReadinessChecks readiness) {
        this.registry = registry;
        this.readiness = readiness;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String path = new QueryStringDecoder(request.uri()).path();
        FullHttpResponse response;
        if (!"/metrics".equals(path) && !"/health/live".equals(path) && !"/health/ready".equals(path)) {
            response = text(ctx, HttpResponseStatus.NOT_FOUND, "not found: " + path + "\n");
        } else if (!HttpMethod.GET.equals(request.method()) && !HttpMethod.HEAD.equals(request.method())) {
            response = text(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, "use GET\n");
            response.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
        } else if ("/metrics".equals(path)) {
            response = body(ctx, HttpResponseStatus.OK, METRICS_CONTENT_TYPE,
                registry.scrape().getBytes(StandardCharsets.UTF_8));
        } else if ("/health/live".equals(path)) {
            response = json(ctx, HttpResponseStatus.OK, g -> g.writeStringField("status", "UP"));
        } else {
            response = ready(ctx);
        }
        HttpUtil.setKeepAlive(response, HttpUtil.isKeepAlive(request));
        if (HttpMethod.HEAD.equals(request.method())) {
            response.content().clear();
        }
        ctx.writeAndFlush(response);
    }

    private FullHttpResponse ready(ChannelHandlerContext ctx) {
        Map<String, Boolean> states = readiness.evaluate();
        boolean ready = !states.containsValue(Boolean.FALSE);
        return json(ctx, ready ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE, g -> {
            g.writeStringField("status", ready ? "UP" : "DOWN");
            g.writeObjectFieldStart("checks");
            for (Map.Entry<String, Boolean> state : states.entrySet()) {
                g.writeStringField(state.getKey(), state.getValue() ? "UP" : "DOWN");
            }
            g.writeEndObject();
            g.writeArrayFieldStart("failing");
            for (Map.Entry<String, Boolean> state : states.entrySet()) {
                if (!state.getValue()) {
                    g.writeString(state.getKey());
                }
            }
            g.writeEndArray();
            Map<String, Long> figures = readiness.figures();
            if (!figures.isEmpty()) {
                g.writeObjectFieldStart("figures");
                for (Map.Entry<String, Long> figure : figures.entrySet()) {
                    g.writeNumberField(figure.getKey(), figure.getValue());
                }
                g.writeEndObject();
            }
        });
    }

    /** Writes the fields of one JSON object. */
    private interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    private FullHttpResponse json(ChannelHandlerContext ctx, HttpResponseStatus status, Fields fields) {
        ByteBuf buf = ctx.alloc().buffer();
        boolean written = false;
        try (OutputStream out = new ByteBufOutputStream(buf); JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
            written = true;
        } catch (IOException e) {
            throw new UncheckedIOException("management - cannot write a JSON body", e);
        } finally {
            if (!written) {
                buf.release();
            }
        }
        return response(status, JSON_CONTENT_TYPE, buf);
    }

    private static FullHttpResponse text(ChannelHandlerContext ctx, HttpResponseStatus status, String text) {
        return body(ctx, status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    private static FullHttpResponse body(ChannelHandlerContext ctx, HttpResponseStatus status, String contentType,
                                         byte[] bytes) {
        ByteBuf buf = ctx.alloc().buffer(bytes.length);
        buf.writeBytes(bytes);
        return response(status, contentType, buf);
    }

    private static FullHttpResponse response(HttpResponseStatus status, String contentType, ByteBuf content) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        response.headers()
            .set(HttpHeaderNames.CONTENT_TYPE, contentType)
            .setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
        return response;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
