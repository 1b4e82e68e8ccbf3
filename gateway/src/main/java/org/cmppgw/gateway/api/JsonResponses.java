package org.cmppgw.gateway.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.cmppgw.gateway.intake.ApiError;
import org.cmppgw.gateway.intake.BatchAdmission;
import org.cmppgw.gateway.intake.Outcome;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Writes the API's JSON bodies straight into pooled buffers with Jackson's streaming generator: errors
 * ({@code {"error":{"code":…,"message":…}}}), the single send's {@code {"msg_id":…}} and the batch summary
 * (docs/api.md). Msg ids are written as unsigned decimal strings.
 */
final class JsonResponses {
    static final String CONTENT_TYPE = "application/json; charset=utf-8";

    private final JsonFactory json = new JsonFactory();
    /** Writes the small answers of the template, signature and operator endpoints from records. */
    private final ObjectMapper mapper = new ObjectMapper(json);

    /** A body writer; throws only on a bug. */
    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    ApiReply error(ByteBufAllocator alloc, ApiError error, String message) {
        return new ApiReply(respond(alloc, error.status(), g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("error");
            g.writeNumberField("code", error.code());
            g.writeStringField("message", message);
            g.writeEndObject();
            g.writeEndObject();
        }), error.code());
    }

    /** A 200 answer whose body is {@code value} as JSON (a record or a map). */
    ApiReply ok(ByteBufAllocator alloc, Object value) {
        return new ApiReply(respond(alloc, HttpResponseStatus.OK, g -> mapper.writeValue(g, value)),
            ApiError.SUCCESS_CODE);
    }

    ApiReply error(ByteBufAllocator alloc, Outcome<?> failed) {
        return error(alloc, failed.error(), failed.message());
    }

    /** A success with the body {@code body} writes (endpoints with shapes of their own). */
    ApiReply ok(ByteBufAllocator alloc, Body body) {
        return new ApiReply(respond(alloc, HttpResponseStatus.OK, body), ApiError.SUCCESS_CODE);
    }

    /** A 200 answer without a body (JSMS's answer to a deleted schedule). */
    ApiReply empty(ByteBufAllocator alloc) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
            alloc.buffer(0));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, CONTENT_TYPE).setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        return new ApiReply(response, ApiError.SUCCESS_CODE);
    }

    ApiReply msgId(ByteBufAllocator alloc, long msgId) {
        return new ApiReply(respond(alloc, HttpResponseStatus.OK, g -> {
            g.writeStartObject();
            g.writeStringField("msg_id", Long.toUnsignedString(msgId));
            g.writeEndObject();
        }), ApiError.SUCCESS_CODE);
    }

    /** The answer to a successful code check, {@code {"is_valid":true}} (docs/api.md "Verification codes"). */
    ApiReply valid(ByteBufAllocator alloc) {
        return new ApiReply(respond(alloc, HttpResponseStatus.OK, g -> {
            g.writeStartObject();
            g.writeBooleanField("is_valid", true);
            g.writeEndObject();
        }), ApiError.SUCCESS_CODE);
    }

    ApiReply batch(ByteBufAllocator alloc, BatchAdmission admission, long[] msgIds) {
        return new ApiReply(respond(alloc, HttpResponseStatus.OK, g -> {
            g.writeStartObject();
            writeBatchCounts(g, msgIds.length, admission);
            g.writeArrayFieldStart("recipients");
            List<String> mobiles = admission.acceptedMobiles();
            for (int i = 0; i < msgIds.length; i++) {
                g.writeStartObject();
                g.writeStringField("msg_id", Long.toUnsignedString(msgIds[i]));
                g.writeStringField("mobile", mobiles.get(i));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }), ApiError.SUCCESS_CODE);
    }

    /** A scheduled batch: its id, the counts and the recipients refused at once (the seed's shape). */
    ApiReply scheduledBatch(ByteBufAllocator alloc, String scheduleId, int scheduled, BatchAdmission admission) {
        return new ApiReply(respond(alloc, HttpResponseStatus.OK, g -> {
            g.writeStartObject();
            if (scheduleId != null) {
                g.writeStringField("schedule_id", scheduleId);
            }
            writeBatchCounts(g, scheduled, admission);
            g.writeEndObject();
        }), ApiError.SUCCESS_CODE);
    }

    private static void writeBatchCounts(JsonGenerator g, int succeeded, BatchAdmission admission)
            throws IOException {
        g.writeNumberField("success_count", succeeded);
        g.writeNumberField("failure_count", admission.failures().size());
        g.writeArrayFieldStart("failure_recipients");
        for (BatchAdmission.Failure f : admission.failures()) {
            g.writeStartObject();
            g.writeStringField("error_code", Integer.toString(f.error().code()));
            g.writeStringField("error_message", f.error().message());
            g.writeStringField("mobile", f.mobile());
            writeParams(g, f.tempPara());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    static void writeParams(JsonGenerator g, Map<String, String> params) throws IOException {
        if (params == null) {
            return;
        }
        g.writeObjectFieldStart("temp_para");
        for (Map.Entry<String, String> p : params.entrySet()) {
            g.writeStringField(p.getKey(), p.getValue());
        }
        g.writeEndObject();
    }

    /** A response with a body written before (a stored answer replayed, docs/api.md "When the database is ..."). */
    static FullHttpResponse respond(ByteBufAllocator alloc, int status, String body) {
        ByteBuf buf = ByteBufUtil.writeUtf8(alloc, body);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(status), buf);
        response.headers()
            .set(HttpHeaderNames.CONTENT_TYPE, CONTENT_TYPE)
            .setInt(HttpHeaderNames.CONTENT_LENGTH, buf.readableBytes());
        return response;
    }

    private FullHttpResponse respond(ByteBufAllocator alloc, HttpResponseStatus status, Body body) {
        ByteBuf buf = alloc.buffer();
        boolean written = false;
        try (OutputStream out = new ByteBufOutputStream(buf); JsonGenerator g = json.createGenerator(out)) {
            body.write(g);
            written = true;
        } catch (IOException e) {
            throw new UncheckedIOException("api - cannot write a JSON body", e);
        } finally {
            if (!written) {
                buf.release();
            }
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, buf);
        response.headers()
            .set(HttpHeaderNames.CONTENT_TYPE, CONTENT_TYPE)
            .setInt(HttpHeaderNames.CONTENT_LENGTH, buf.readableBytes());
        return response;
    }
}
