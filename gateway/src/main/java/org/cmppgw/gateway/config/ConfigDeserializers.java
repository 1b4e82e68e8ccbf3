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

    /**
     * A scalar parsed from its text by {@link #parse}; a non-scalar or a text {@code parse} refuses becomes an
     * {@link InvalidFormatException} whose target type {@link ConfigErrors} turns into the expected form.
     */
    private abstract static class ParsedScalar<T> extends StdScalarDeserializer<T> {
        private static final long serialVersionUID = 1L;

        private final String expected;
        private final Class<?> reportedType;

        ParsedScalar(Class<T> type, String expected, Class<?> reportedType) {
            super(type);
            this.expected = expected;
            this.reportedType = reportedType;
        }

        /** The value of {@code text}; throws {@link IllegalArgumentException} when it is not one. */
        abstract T parse(String text);

        /** What the error shows for a non-scalar (an object, a list): nothing by default. */
        Object shownForNonScalar(JsonParser p) {
            return null;
        }

        @Override
        public final T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = scalarText(p);
            if (text == null) {
                throw InvalidFormatException.from(p, expected, shownForNonScalar(p), reportedType);
            }
            try {
                return parse(text);
            } catch (IllegalArgumentException e) {
                throw InvalidFormatException.from(p, expected, text, reportedType);
            }
        }
    }

    /** {@code 500ms}, {@code 60s}, {@code 3m}, {@code 1h}, {@code 1h30m}, {@code PT60S}. */
    static final class DurationValue extends ParsedScalar<Duration> {
        private static final long serialVersionUID = 1L;

        DurationValue() {
            super(Duration.class, Durations.EXPECTED, Duration.class);
        }

        @Override
        Duration parse(String text) {
            return Durations.parse(text);
        }

        @Override
        Object shownForNonScalar(JsonParser p) {
            return p.currentToken();
        }
    }

    /** {@code 2.0} or {@code 3.0} (also {@code 2}, {@code 3}, {@code 20}, {@code 30}). */
    static final class VersionValue extends ParsedScalar<CmppVersion> {
        private static final long serialVersionUID = 1L;

        VersionValue() {
            super(CmppVersion.class, "2.0 or 3.0", CmppVersion.class);
        }

        @Override
        CmppVersion parse(String text) {
            return CmppVersion.parse(text);
        }
    }

    /**
     * Text that must be written in quotes because it is made of digits with leading zeros ({@code feeType: '01'},
     * {@code feeCode: '000010'}): unquoted, YAML reads {@code 01} as the number 1 (and {@code 010} as 8), and the
     * digits the carrier expects are lost. A number here is an error rather than a silently different value;
     * {@code --set} and environment values are text and pass.
     */
    static final class QuotedText extends StdScalarDeserializer<String> {
        private static final long serialVersionUID = 1L;

        QuotedText() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                return p.getText();
            }
            throw InvalidFormatException.from(p, "quoted text", scalarText(p), QuotedText.class);
        }
    }

    /** A byte count for an {@code int} component: {@code 65536}, {@code 64KB}, {@code 1MB}. */
    static final class ByteSize extends ParsedScalar<Integer> {
        private static final long serialVersionUID = 1L;

        ByteSize() {
            super(Integer.class, ByteSizes.EXPECTED, ByteSizes.class);
        }

        @Override
        Integer parse(String text) {
            return ByteSizes.parse(text);
        }
    }
}
