package org.cmppgw.cmpp.sms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads one vector of {@code golden/cmpp-vectors.json} (docs/cmpp-protocol.md §17) by id. */
final class Vectors {
    private static final JsonNode ROOT = load();

    private Vectors() {
    }

    static JsonNode vector(String id) {
        for (JsonNode vector : ROOT.get("vectors")) {
            if (id.equals(vector.get("id").asText())) {
                return vector;
            }
        }
        throw new IllegalArgumentException("id: " + id + " (expected: a vector in cmpp-vectors.json)");
    }

    /** The {@code value} of field {@code name} of a vector, as text. */
    static String field(JsonNode vector, String name) {
        for (JsonNode field : vector.get("fields")) {
            if (name.equals(field.get("name").asText())) {
                return field.get("value").asText();
            }
        }
        throw new IllegalArgumentException("field: " + name + " (expected: a field of " + vector.get("id") + ")");
    }

    private static JsonNode load() {
        try (InputStream in = Vectors.class.getResourceAsStream("/golden/cmpp-vectors.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
