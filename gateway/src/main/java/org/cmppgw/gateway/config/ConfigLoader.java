package org.cmppgw.gateway.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@code gateway.yaml} into a validated {@link GatewayConfig}, or fails with one message naming the path and
 * the reason ({@code providers[0].window: 0 (expected: 1..64)}).
 *
 * <p>The order, each step editing the YAML tree before anything is bound:
 * <ol>
 *   <li>{@code ${NAME}} / {@code ${NAME:default}} placeholders in text values are replaced from the environment;</li>
 *   <li>{@code CMPPGW_*} environment variables override keys: prefix dropped, {@code _} separates path words,
 *       words match keys ignoring case, a key's camelCase words may be joined or separated by {@code _}
 *       ({@code CMPPGW_SERVER_MANAGEMENT_PORT} or {@code CMPPGW_SERVER_MANAGEMENTPORT} →
 *       {@code server.managementPort}),
 *       a number word is a list index ({@code CMPPGW_PROVIDERS_0_PASSWORD});</li>
 *   <li>{@code --set path=value} overrides, in order ({@code providers[0].window=8}); the command line wins over the
 *       environment;</li>
 *   <li>keys at their old place move to the new one ({@link DeprecatedKeys});</li>
 *   <li>built-in defaults fill every key still absent; keys without a default must be present;</li>
 *   <li>the tree is bound to the records: unknown keys are errors, values are converted to the target type
 *       (an override {@code 16} becomes a number for {@code window}, stays text for {@code account}), and each
 *       record validates itself and the root checks references across sections.</li>
 * </ol>
 * Override values are text; {@code [a, b]} is a list and {@code []} an empty list.
 */
public final class ConfigLoader {
    private final Map<String, String> environment;
    private final YAMLMapper yaml;
    private final ConfigDefaults defaults;

    /** A loader reading overrides and placeholders from {@code environment} (tests pass their own map). */
    public ConfigLoader(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        this.yaml = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .addModule(ConfigDeserializers.module())
            .build();
        this.defaults = ConfigDefaults.load(yaml);
    }

    /** A loader reading the process environment. */
    public static ConfigLoader fromSystemEnvironment() {
        return new ConfigLoader(System.getenv());
    }

    /** Loads what the command line names: the {@code --config} file and the {@code --set} overrides. */
    public GatewayConfig load(LaunchOptions options) {
        return load(options.config(), options.overrides());
    }

    /** Loads {@code file} with {@code overrides} ({@code path=value} each). */
    public GatewayConfig load(Path file, List<String> overrides) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException("config " + file + " - cannot read (" + e + ")", e);
        }
        return parse(text, overrides);
    }

    /** Parses YAML text with {@code overrides} ({@code path=value} each). */
    public GatewayConfig parse(String yamlText, List<String> overrides) {
        ObjectNode tree = readTree(yamlText);
        Placeholders.resolve(tree, environment);
        EnvironmentOverrides.apply(tree, environment);
        for (String override : overrides) {
            applyOverride(tree, override);
        }
        DeprecatedKeys.apply(tree);
        defaults.apply(tree);
        return bind(tree, GatewayConfig.class);
    }

    /**
     * Binds one section ({@code "server"}) or one list element ({@code "providers[]"}) written on its own, with the
     * built-in defaults; for tests and tools that need a single record. Error paths are relative to the section.
     */
    public <T> T parseSection(String section, String yamlText, Class<T> type) {
        ObjectNode tree = readTree(yamlText);
        Placeholders.resolve(tree, environment);
        if (section.equals("providers[]")) {
            DeprecatedKeys.moveServiceId(tree, "");
        }
        defaults.applySection(tree, section);
        return bind(tree, type);
    }

    private static void applyOverride(ObjectNode tree, String override) {
        int eq = override.indexOf('=');
        if (eq <= 0) {
            throw new ConfigException("--set " + override + " - no path=value (expected: --set <path>=<value>, "
                + "e.g. --set providers[0].window=8)");
        }
        try {
            ConfigTree.set(tree, ConfigPath.parse(override.substring(0, eq).trim()),
                ConfigTree.value(override.substring(eq + 1)));
        } catch (ConfigException e) {
            throw new ConfigException("--set " + override + " - " + e.getMessage(), e);
        }
    }

    private ObjectNode readTree(String text) {
        JsonNode node;
        try {
            node = yaml.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new ConfigException("yaml" + where + ": " + e.getOriginalMessage() + " (expected: valid YAML)", e);
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            return yaml.createObjectNode();
        }
        if (!(node instanceof ObjectNode object)) {
            throw new ConfigException("yaml: " + node.getNodeType().name().toLowerCase(Locale.ROOT)
                + " at the top (expected: a mapping of sections such as server:, apps:, providers:)");
        }
        return object;
    }

    private <T> T bind(ObjectNode tree, Class<T> type) {
        try {
            return yaml.readerFor(type).readValue(tree);
        } catch (JsonMappingException e) {
            throw ConfigErrors.translate(e);
        } catch (IOException e) {
            throw new ConfigException("config - " + e.getMessage(), e);
        }
    }
}
