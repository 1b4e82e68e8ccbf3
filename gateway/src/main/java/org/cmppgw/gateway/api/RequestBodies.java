package org.cmppgw.gateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import org.cmppgw.gateway.intake.ApiError;
import org.cmppgw.gateway.intake.Outcome;
import org.cmppgw.gateway.intake.SendBatchRequest;
import org.cmppgw.gateway.intake.SendOneRequest;

import java.io.IOException;
import java.io.InputStream;

/**
 * Parses request bodies into their records with Jackson. Malformed JSON, a body that is not an object, or a field of
 * the wrong type is 50007; unknown fields are ignored (clients may send JSMS fields this gateway does not use).
 */
final class RequestBodies {
    private final ObjectReader sendOne;
    private final ObjectReader sendBatch;

    RequestBodies() {
        ObjectMapper mapper = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
        this.sendOne = mapper.readerFor(SendOneRequest.class);
        this.sendBatch = mapper.readerFor(SendBatchRequest.class);
    }

    Outcome<SendOneRequest> sendOne(ByteBuf body) {
        return parse(sendOne, body);
    }

    Outcome<SendBatchRequest> sendBatch(ByteBuf body) {
        return parse(sendBatch, body);
    }

    private static <T> Outcome<T> parse(ObjectReader reader, ByteBuf body) {
        try (ByteBufInputStream in = new ByteBufInputStream(body.duplicate())) {
            T value = reader.readValue((InputStream) in);
            return value == null ? Outcome.fail(ApiError.INVALID_BODY, "expected a JSON object") : Outcome.ok(value);
        } catch (JsonMappingException e) {
            return Outcome.fail(ApiError.INVALID_BODY, "wrong type at " + path(e));
        } catch (JsonProcessingException e) {
            return Outcome.fail(ApiError.INVALID_BODY, "malformed JSON");
        } catch (IOException e) {
            return Outcome.fail(ApiError.INVALID_BODY, "unreadable body");
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "the top level" : sb.toString();
    }
}
