package org.cmppgw.gateway.intake;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import java.io.IOException;

/**
 * Reads a field that must be a JSON string, with none of Jackson's coercions: {@code "mobile": 13800138000} is
 * refused rather than turned into text, since a number may already have lost a leading {@code +} or {@code 00}, or
 * its digits if it was written as a float (docs/api.md). JSON null reads as null (the field is then missing).
 */
public final class JsonStringOnly extends StdScalarDeserializer<String> {
    private static final long serialVersionUID = 1L;

    public JsonStringOnly() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        throw new NotAString(p);
    }

    /** The value was not a JSON string; Jackson adds the field's path on the way out. */
    public static final class NotAString extends MismatchedInputException {
        private static final long serialVersionUID = 1L;

        NotAString(JsonParser p) {
            super(p, "expected: a JSON string", String.class);
        }
    }
}
