package org.cmppgw.simulator.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBufInputStream;
import io.netty.handler.codec.http.FullHttpResponse;

import java.io.IOException;

/**
 * Reads the API's answers (docs/api.md): {@code {"msg_id"}} for a single send or a verification code;
 * {@code recipients[].msg_id} and {@code failure_recipients[].error_code} for a batch; {@code recipients[].email_id}
 * for an email; {@code {"error":{"code"}}} with an HTTP error status.
 * Accepted ids go to the {@link MessageTracker}; everything else is counted by code.
 */
final class ApiResponses {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int OK = 200;

    private ApiResponses() {
    }

    static void handle(FullHttpResponse response, ApiConnection.Flight flight, long now, RunStats stats,
                       LoadConfig.Mode mode) {
        int status = response.status().code();
        JsonNode body = parse(response);
        if (status != OK) {
            JsonNode code = body == null ? null : body.path("error").get("code");
            stats.error(code == null ? "http_" + status : "http_" + status + "/jsms_" + code.asText(), 1);
            stats.failedMessages += flight.messages();
            return;
        }
        if (body == null) {
            stats.error("bad_response", 1);
            stats.failedMessages += flight.messages();
            return;
        }
        RunStats.record(stats.acceptLatency, now - flight.sentNanos());
        int accepted = 0;
        int failed = 0;
        if (!mode.oneRecipient()) {
            String idField = mode == LoadConfig.Mode.EMAIL ? "email_id" : "msg_id";
            for (JsonNode recipient : body.path("recipients")) {
                accepted += accept(recipient.get(idField), now, stats);
            }
            for (JsonNode failure : body.path("failure_recipients")) {
                JsonNode code = failure.get("error_code");
                stats.error(code == null ? "jsms_unknown" : "jsms_" + code.asText(), 1);
                failed++;
            }
        } else {
            accepted = accept(body.get("msg_id"), now, stats);
        }
        stats.failedMessages += flight.messages() - accepted;
        int unaccounted = flight.messages() - accepted - failed;
        if (unaccounted > 0) {
            // Neither accepted nor listed as failed: the response lost track of a recipient.
            stats.error("unaccounted_recipients", unaccounted);
        }
    }

    /** Tracks one returned msg_id; 1 when it counts as accepted. */
    private static int accept(JsonNode msgId, long now, RunStats stats) {
        if (msgId == null || !msgId.isValueNode()) {
            return 0;
        }
        long id;
        try {
            id = Long.parseUnsignedLong(msgId.asText());
        } catch (NumberFormatException e) {
            stats.error("bad_msg_id", 1);
            return 0;
        }
        int outcome = stats.tracker.accept(id, now);
        if (outcome == MessageTracker.DUPLICATE_ID) {
            stats.error("duplicate_msg_id", 1);
            return 0;
        }
        if (outcome == MessageTracker.ACCEPTED_AFTER_REPORT) {
            // Its report was read first: the accept -> report latency rounds to zero.
            RunStats.record(stats.callbackLatency, 0);
        }
        return 1;
    }

    private static JsonNode parse(FullHttpResponse response) {
        if (!response.content().isReadable()) {
            return null;
        }
        try (ByteBufInputStream in = new ByteBufInputStream(response.content().duplicate())) {
            JsonNode node = JSON.readTree(in);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }
}
