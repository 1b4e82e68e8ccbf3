package org.cmppgw.gateway.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import org.cmppgw.cmpp.CmppVersion;

import java.io.IOException;
import java.time.Duration;

/**
 * Jackson deserializers for the value types the YAML uses: durations ({@code 60s}), byte sizes ({@code 1MB}) and
 * CMPP versions ({@code 3.0}). A bad value becomes an {@link InvalidFormatException} whose target type tells
 * {@link ConfigErrors} what was expected.
 */
final class ConfigDeserializers {
    private ConfigDeserializers() {
    }

    static SimpleModule module() {
        SimpleModule module = new SimpleModule("cmppgw-config");
        module.addDeserializer(Duration.class, new DurationValue());
        module.addDeserializer(CmppVersion.class, new VersionValue());
        return module;
    }

    private static String scalarText(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getText();
        }
        return null;
    }

    /** {@code 500ms}, {@code 60s}, {@code 3m}, {@code 1h}, {@code 1h30m}, {@code PT60S}. */
    static final class DurationValue extends StdScalarDeserializer<Duration> {
        private static final long serialVersionUID = 1L;

        DurationValue() {
            super(Duration.class);
        }

        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = scalarText(p);
            if (text == null) {
                throw InvalidFormatException.from(p, Durations.EXPECTED, p.currentToken(), Duration.class);
            }
            try {
                return Durations.parse(text);
            } catch (IllegalArgumentException e) {
                throw InvalidFormatException.from(p, Durations.EXPECTED, text, Duration.class);
            }
        }
    }

    /** {@code 2.0} or {@code 3.0} (also {@code 2}, {@code 3}, {@code 20}, {@code 30}). */
    static final class VersionValue extends StdScalarDeserializer<CmppVersion> {
        private static final long serialVersionUID = 1L;

        VersionValue() {
            super(CmppVersion.class);
        }

        @Override
        public CmppVersion deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = scalarText(p);
            try {
                if (text != null) {
                    return CmppVersion.parse(text);
                }
            } catch (IllegalArgumentException e) {
                // reported below with the path
            }
            throw InvalidFormatException.from(p, "2.0 or 3.0", text, CmppVersion.class);
        }
    }

    /** A byte count for an {@code int} component: {@code 65536}, {@code 64KB}, {@code 1MB}. */
    static final class ByteSize extends StdScalarDeserializer<Integer> {
        private static final long serialVersionUID = 1L;

        ByteSize() {
            super(Integer.class);
        }

        @Override
        public Integer deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = scalarText(p);
            try {
                if (text != null) {
                    return ByteSizes.parse(text);
                }
            } catch (IllegalArgumentException e) {
                // reported below with the path
            }
            throw InvalidFormatException.from(p, ByteSizes.EXPECTED, text, ByteSizes.class);
        }
    }
}
