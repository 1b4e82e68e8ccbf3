package org.cmppgw.simulator.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads one top-level section of a YAML file (e.g. {@code smtp:} of {@code config/simulator.yaml}) into a record
 * through Jackson. Keys are the record's component names (camelCase). Every error names the file and the key path;
 * an unknown key is always an error, so a misspelt option never silently keeps its default.
 *
 * <p>Two ways to read: {@link #read(Path, String, Class)} wants a complete section (every component present), and
 * {@link #read(Path, String, Object)} lays the section's keys over a defaults instance, key by key (nested values
 * are replaced whole). {@link #merge(Object, Map)} applies the same overlay to command-line overrides.
 */
public final class ConfigSections {
    /** The file the commands read when no {@code --config} is given (relative to the working directory). */
    public static final Path DEFAULT_FILE = Path.of("config", "simulator.yaml");

    private static final ObjectMapper MAPPER = YAMLMapper.builder()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
        .build();

    private static final Pattern MISSING_PROPERTY =
        Pattern.compile("^Missing (?:required )?creator property '([^']+)'");

    private ConfigSections() {
    }

    /**
     * Reads a complete section: every record component must be present, and no other key.
     *
     * @throws ConfigException naming the file and key path when the file, section or a value is bad
     */
    public static <T> T read(Path file, String section, Class<T> type) {
        JsonNode node = section(file, section);
        if (node == null) {
            throw new ConfigException(file + ": " + section + " - missing section");
        }
        return convert(node, type, file + ": ", section,
            MAPPER.reader().with(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES));
    }

    /**
     * Reads a section over {@code defaults}: keys present in the file replace the default's values; a missing
     * section yields {@code defaults}.
     */
    public static <T> T read(Path file, String section, T defaults) {
        JsonNode node = section(file, section);
        if (node == null) {
            return defaults;
        }
        if (!node.isObject()) {
            throw new ConfigException(file + ": " + section + " - not a mapping (" + node.getNodeType() + ")");
        }
        return overlay(defaults, (ObjectNode) node, file + ": ", section);
    }

    /**
     * What a command starts from: the section of the {@code --config} file when one was given (it must exist), else
     * of {@link #DEFAULT_FILE} when that exists, else {@code defaults}.
     */
    public static <T> T forCommand(Optional<String> configOption, String section, T defaults) {
        if (configOption.isPresent()) {
            return read(Path.of(configOption.get()), section, defaults);
        }
        return Files.isRegularFile(DEFAULT_FILE) ? read(DEFAULT_FILE, section, defaults) : defaults;
    }

    /**
     * Returns a copy of {@code base} with {@code changes} applied; keys are component names, values anything
     * Jackson converts (strings from a command line are coerced: {@code "100"} becomes an {@code int}).
     *
     * @throws ConfigException when a key is unknown or a value does not fit
     */
    public static <T> T merge(T base, Map<String, ?> changes) {
        if (changes.isEmpty()) {
            return base;
        }
        return overlay(base, MAPPER.valueToTree(changes), "", base.getClass().getSimpleName());
    }

    @SuppressWarnings("unchecked")
    private static <T> T overlay(T base, ObjectNode changes, String where, String section) {
        ObjectNode merged = MAPPER.valueToTree(base);
        merged.setAll(changes);
        return convert(merged, (Class<T>) base.getClass(), where, section, MAPPER.reader());
    }

    private static JsonNode section(Path file, String section) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file + ": " + section + " - no such file");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new ConfigException(file + " - unreadable YAML (" + e.getMessage() + ")", e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return null;
        }
        JsonNode node = root.get(section);
        return node == null || node.isNull() ? null : node;
    }

    private static <T> T convert(JsonNode node, Class<T> type, String where, String section,
                                 ObjectReader reader) {
        try {
            return reader.forType(type).readValue(node);
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                .map(String::valueOf).sorted().collect(Collectors.joining(", "));
            throw new ConfigException(where + path(section, e) + " - unknown key (expected one of: " + known + ")", e);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ConfigException(where + path(section, e) + " - " + cause.getMessage(), e);
        } catch (MismatchedInputException e) {
            String path = path(section, e);
            Matcher missing = MISSING_PROPERTY.matcher(e.getOriginalMessage());
            if (missing.find()) {
                String key = path.endsWith("." + missing.group(1)) ? path : path + "." + missing.group(1);
                throw new ConfigException(where + key + " - missing key", e);
            }
            String expected = expected(e.getTargetType());
            if (e instanceof InvalidFormatException invalid) {
                throw new ConfigException(where + path + ": " + invalid.getValue() + " (expected: " + expected + ")",
                    e);
            }
            String what = e.getOriginalMessage().startsWith("Cannot map `null`") ? "missing or null" : "wrong value";
            throw new ConfigException(where + path + " - " + what + " (expected: " + expected + ")", e);
        } catch (IOException e) {
            throw new ConfigException(where + section + " - " + e.getMessage(), e);
        }
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (type.isEnum()) {
            return Arrays.stream(type.getEnumConstants()).map(c -> c.toString().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(" or "));
        }
        return type.getSimpleName();
    }

    private static String path(String section, JsonMappingException e) {
        StringBuilder sb = new StringBuilder(section);
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
