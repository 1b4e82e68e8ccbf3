package org.cmppgw.simulator.jsms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Optional;

/**
 * One callback form as the gateway POSTs it (docs/api.md, "Callbacks"): all five fields, as received. The
 * signature is not checked here ({@link JsmsSignature} does that); {@link #dataJson()} parses the {@code data}
 * field when a receiver needs its content.
 *
 * @param type      {@code SMS_REPORT}, {@code SMS_REPLY}, {@code EMAIL_REPORT}, or whatever the sender put there
 * @param nonce     the sender's random number, as decimal text
 * @param timestamp the sender's epoch milliseconds, as decimal text
 * @param signature lowercase hex SHA-1 over app key, master secret, nonce and timestamp
 * @param data      the JSON document describing the event, as text
 */
public record JsmsCallback(String type, String nonce, String timestamp, String signature, String data) {
    /** The form fields every callback carries, in the order they are checked. */
    public static final List<String> FIELDS = List.of("nonce", "timestamp", "signature", "type", "data");

    // Trailing tokens fail, so "{...} junk" counts as unparsable instead of silently losing the junk.
    private static final ObjectMapper JSON = JsonMapper.builder()
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();

    public JsmsCallback {
        require("type", type);
        require("nonce", nonce);
        require("timestamp", timestamp);
        require("signature", signature);
        require("data", data);
    }

    /** The {@code data} field as a JSON tree; empty when it is not exactly one JSON document. */
    public Optional<JsonNode> dataJson() {
        try {
            JsonNode node = JSON.readTree(data);
            return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(node);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static void require(String name, String value) {
        if (value == null) {
            throw new IllegalArgumentException(name + ": null (expected: the form field's value)");
        }
    }
}
