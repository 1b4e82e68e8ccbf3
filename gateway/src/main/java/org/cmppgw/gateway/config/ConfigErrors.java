package org.cmppgw.gateway.config;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import org.cmppgw.cmpp.CmppVersion;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Turns Jackson's binding errors into {@code path: value (expected: …)} messages. Validation failures inside a
 * record's constructor name the component relative to the record; the record's own path is prefixed here.
 */
final class ConfigErrors {
    private ConfigErrors() {
    }

    static ConfigException translate(JsonMappingException e) {
        String path = path(e.getPath());
        Throwable cause = e.getCause();
        if (e instanceof ValueInstantiationException && cause instanceof IllegalArgumentException) {
            return new ConfigException(join(path, cause.getMessage()), cause);
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return new ConfigException(path + ": unknown key (expected: one of " + known(unknown.getKnownPropertyIds())
                + ")", e);
        }
        if (e instanceof InvalidFormatException invalid) {
            return new ConfigException(path + ": " + shown(invalid.getValue()) + " (expected: "
                + expected(invalid.getTargetType()) + ")", e);
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return new ConfigException(path + ": wrong type (expected: " + expected(mismatch.getTargetType()) + ")",
                e);
        }
        String detail = cause != null && cause.getMessage() != null ? cause.getMessage() : e.getOriginalMessage();
        return new ConfigException(path + ": " + firstLine(detail), e);
    }

    /** {@code providers[0]} + {@code window: 0 (…)} → {@code providers[0].window: 0 (…)}. */
    static String join(String path, String message) {
        if (path.isEmpty()) {
            return message;
        }
        boolean relative = !message.isEmpty() && Character.isJavaIdentifierStart(message.charAt(0))
            && message.matches("(?s)[A-Za-z_][A-Za-z0-9_\\[\\].]*:.*");
        return relative ? path + "." + message : path + ": " + message;
    }

    static String path(List<JsonMappingException.Reference> references) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : references) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String known(Collection<Object> ids) {
        return ids == null ? "the documented keys"
            : ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }

    private static String shown(Object value) {
        if (value == null) {
            return "missing";
        }
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }

    static String expected(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "an integer";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == Duration.class) {
            return Durations.EXPECTED;
        }
        if (type == ByteSizes.class) {
            return ByteSizes.EXPECTED;
        }
        if (type == CmppVersion.class) {
            return "2.0 or 3.0";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants())
                .map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type == ConfigDeserializers.QuotedText.class) {
            return "digits in quotes, like '01' or '000010': unquoted, YAML reads them as a number";
        }
        if (type == String.class || type == Secret.class) {
            return "text";
        }
        return "a mapping of keys";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid value";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
