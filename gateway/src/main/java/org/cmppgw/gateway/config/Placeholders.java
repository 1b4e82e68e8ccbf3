package org.cmppgw.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.Iterator;
import java.util.Map;

/**
 * Resolves {@code ${NAME}} and {@code ${NAME:default}} inside YAML text values from the environment, so secrets can
 * stay out of the file: {@code password: "${DB_PASSWORD}"}. {@code $${} is a literal {@code ${}. A placeholder whose
 * variable is unset and has no default is an error naming the path.
 */
final class Placeholders {
    private Placeholders() {
    }

    static void resolve(JsonNode root, Map<String, String> environment) {
        walk(root, ConfigPath.ROOT, environment);
    }

    private static void walk(JsonNode node, ConfigPath path, Map<String, String> env) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                ConfigPath at = path.child(field.getKey());
                if (field.getValue().isTextual()) {
                    field.setValue(TextNode.valueOf(substitute(field.getValue().textValue(), at, env)));
                } else {
                    walk(field.getValue(), at, env);
                }
            }
        } else if (node instanceof ArrayNode list) {
            for (int i = 0; i < list.size(); i++) {
                ConfigPath at = path.child(i);
                if (list.get(i).isTextual()) {
                    list.set(i, TextNode.valueOf(substitute(list.get(i).textValue(), at, env)));
                } else {
                    walk(list.get(i), at, env);
                }
            }
        }
    }

    static String substitute(String text, ConfigPath path, Map<String, String> env) {
        if (text.indexOf("${") < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                int close = text.indexOf('}', i + 2);
                if (close < 0) {
                    throw new ConfigException(path + ": \"" + text + "\" (expected: ${NAME} or ${NAME:default})");
                }
                out.append(lookup(text.substring(i + 2, close), path, env));
                i = close + 1;
            } else {
                out.append(text.charAt(i++));
            }
        }
        return out.toString();
    }

    private static String lookup(String expression, ConfigPath path, Map<String, String> env) {
        int colon = expression.indexOf(':');
        String name = colon < 0 ? expression : expression.substring(0, colon);
        if (!name.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
            throw new ConfigException(path + ": ${" + expression
                + "} (expected: ${NAME} or ${NAME:default} with NAME made of letters, digits and _)");
        }
        String value = env.get(name);
        if (value != null) {
            return value;
        }
        if (colon >= 0) {
            return expression.substring(colon + 1);
        }
        throw new ConfigException(path + ": ${" + name + "} is not set (expected: the environment variable " + name
            + ", or a default as ${" + name + ":value})");
    }
}
