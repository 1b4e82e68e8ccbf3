package org.cmppgw.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Edits of the YAML tree before it is bound to records: overrides ({@code --set} and environment) and defaults.
 * Override values stay text; Jackson coerces them to the target type when binding, so {@code 16} becomes an int for
 * {@code window} and stays text for {@code account}.
 */
final class ConfigTree {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ConfigTree() {
    }

    /**
     * An override value: {@code [a, b]} is a list of texts ({@code []} an empty list), anything else one text.
     */
    static JsonNode value(String raw) {
        String s = raw.trim();
        if (s.length() >= 2 && s.charAt(0) == '[' && s.charAt(s.length() - 1) == ']') {
            ArrayNode list = NODES.arrayNode();
            String inner = s.substring(1, s.length() - 1).trim();
            if (!inner.isEmpty()) {
                for (String item : inner.split(",", -1)) {
                    list.add(item.trim());
                }
            }
            return list;
        }
        return TextNode.valueOf(raw);
    }

    /**
     * Sets {@code path} to {@code value}, creating mappings and list elements on the way. An index may address an
     * existing element or the one just past the end (which appends).
     *
     * @throws ConfigException naming the path when it crosses a value of the wrong kind or skips list elements
     */
    static void set(ObjectNode root, ConfigPath path, JsonNode value) {
        List<ConfigPath.Segment> segments = path.segments();
        JsonNode node = root;
        for (int i = 0; i < segments.size(); i++) {
            boolean last = i == segments.size() - 1;
            JsonNode child = last ? value : container(segments.get(i + 1));
            ConfigPath.Segment s = segments.get(i);
            if (s instanceof ConfigPath.Key key) {
                if (!(node instanceof ObjectNode object)) {
                    throw new ConfigException(path.prefix(i) + ": " + kind(node) + " (expected: a mapping, to set "
                        + path + ")");
                }
                JsonNode existing = object.get(key.name());
                if (last || existing == null || existing.isNull()) {
                    object.set(key.name(), child);
                } else {
                    child = existing;
                }
            } else if (s instanceof ConfigPath.Index index) {
                if (!(node instanceof ArrayNode list)) {
                    throw new ConfigException(path.prefix(i) + ": " + kind(node) + " (expected: a list, to set "
                        + path + ")");
                }
                int at = index.index();
                if (at > list.size()) {
                    throw new ConfigException(path.prefix(i + 1) + ": no such element (expected: an index 0.."
                        + list.size() + "; " + list.size() + " appends)");
                }
                if (at == list.size()) {
                    list.add(child);
                } else if (last) {
                    list.set(at, child);
                } else {
                    child = list.get(at);
                }
            }
            node = child;
        }
    }

    private static JsonNode container(ConfigPath.Segment next) {
        return next instanceof ConfigPath.Index ? NODES.arrayNode() : NODES.objectNode();
    }

    private static String kind(JsonNode node) {
        if (node == null || node.isNull()) {
            return "missing";
        }
        return node.isArray() ? "a list" : node.isObject() ? "a mapping" : "\"" + node.asText() + "\"";
    }

    /** Copies every key of {@code defaults} that {@code target} lacks (or has as null), recursing into mappings. */
    static void mergeDefaults(ObjectNode target, ObjectNode defaults) {
        Iterator<Map.Entry<String, JsonNode>> fields = defaults.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode current = target.get(field.getKey());
            JsonNode fallback = field.getValue();
            if (current == null || current.isNull()) {
                if (!fallback.isNull()) {
                    target.set(field.getKey(), fallback.deepCopy());
                }
            } else if (current instanceof ObjectNode object && fallback instanceof ObjectNode nested) {
                mergeDefaults(object, nested);
            }
        }
    }
}
