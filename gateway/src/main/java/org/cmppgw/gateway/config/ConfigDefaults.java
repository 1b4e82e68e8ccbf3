package org.cmppgw.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The built-in defaults ({@code defaults.yaml} next to this class): one tree for the sections, and one per list for
 * its elements. A null default marks a key the file must give; {@link #apply} reports it as
 * {@code providers[0].host: missing (…)} before binding.
 */
final class ConfigDefaults {
    private static final String RESOURCE = "defaults.yaml";

    private final ObjectNode root;
    private final ObjectNode elements;

    private ConfigDefaults(ObjectNode root, ObjectNode elements) {
        this.root = root;
        this.elements = elements;
    }

    static ConfigDefaults load(ObjectMapper yaml) {
        try (InputStream in = ConfigDefaults.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("config - built-in " + RESOURCE + " missing from the class path");
            }
            JsonNode tree = yaml.readTree(in);
            return new ConfigDefaults((ObjectNode) tree.get("gateway"), (ObjectNode) tree.get("elements"));
        } catch (IOException e) {
            throw new UncheckedIOException("config - cannot read built-in " + RESOURCE, e);
        }
    }

    /** Completes the whole file's tree. */
    void apply(ObjectNode tree) {
        apply(tree, root, "", ConfigPath.ROOT);
    }

    /**
     * Completes one section ({@code server}) or one list element ({@code providers[]}) given on its own, for tests
     * and tools that need a single record with defaults.
     */
    void applySection(ObjectNode tree, String section) {
        boolean element = section.endsWith("[]");
        String name = element ? section.substring(0, section.length() - 2) : section;
        JsonNode defaults = element ? elements.get(name) : root.get(name);
        if (!(defaults instanceof ObjectNode object)) {
            throw new IllegalArgumentException("section: \"" + section
                + "\" (expected: a section such as server, or a list element such as providers[])");
        }
        apply(tree, object, element ? name + "[]." : name + ".", ConfigPath.ROOT);
    }

    private void apply(ObjectNode node, ObjectNode defaults, String prefix, ConfigPath path) {
        ConfigTree.mergeDefaults(node, defaults);
        checkRequired(node, defaults, path);
        Iterator<Map.Entry<String, JsonNode>> lists = elements.fields();
        while (lists.hasNext()) {
            Map.Entry<String, JsonNode> list = lists.next();
            if (!list.getKey().startsWith(prefix)) {
                continue;
            }
            String relative = list.getKey().substring(prefix.length());
            if (relative.contains("[]")) {
                // a list inside list elements (apps[].callbackUrls) is completed together with its parent element
                continue;
            }
            ObjectNode elementDefaults = (ObjectNode) list.getValue();
            for (Located element : elementsAt(node, relative, path)) {
                apply(element.node(), elementDefaults, list.getKey() + "[].", element.path());
            }
        }
    }

    private static void checkRequired(ObjectNode node, ObjectNode defaults, ConfigPath path) {
        Iterator<Map.Entry<String, JsonNode>> fields = defaults.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = node.get(field.getKey());
            if (field.getValue().isNull() && (value == null || value.isNull())) {
                throw new ConfigException(path.child(field.getKey())
                    + ": missing (expected: a value; this key has no default)");
            }
            if (field.getValue() instanceof ObjectNode nested && value instanceof ObjectNode object) {
                checkRequired(object, nested, path.child(field.getKey()));
            }
        }
    }

    /** The mapping elements of the list at the dotted key path {@code relative} below {@code node}. */
    private static List<Located> elementsAt(ObjectNode node, String relative, ConfigPath path) {
        JsonNode current = node;
        ConfigPath at = path;
        for (String key : relative.split("\\.")) {
            if (!(current instanceof ObjectNode object)) {
                return List.of();
            }
            current = object.get(key);
            at = at.child(key);
        }
        List<Located> out = new ArrayList<>();
        if (current instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i) instanceof ObjectNode element) {
                    out.add(new Located(element, at.child(i)));
                }
            }
        }
        return out;
    }

    private record Located(ObjectNode node, ConfigPath path) {
    }
}
