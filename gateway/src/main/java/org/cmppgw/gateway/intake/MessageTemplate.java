package org.cmppgw.gateway.intake;

import org.cmppgw.gateway.config.TemplateConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A template compiled once at start: literal text and {@code {{name}}} variables (docs/design.md §4), plus the
 * numbered {@code {1}}, {@code {2}} variables of Global SMS templates (temp_para keys "1", "2"), rendered per
 * recipient with one pass and no regular expressions. A value is inserted as is; {@code {{…}}} inside a value is not
 * expanded.
 */
final class MessageTemplate {
    private final TemplateConfig config;
    /** Alternating literal text (even indexes) and variable names (odd indexes). */
    private final String[] parts;
    private final int literalLength;

    private MessageTemplate(TemplateConfig config, String[] parts) {
        this.config = config;
        this.parts = parts;
        int length = 0;
        for (int i = 0; i < parts.length; i += 2) {
            length += parts[i].length();
        }
        this.literalLength = length;
    }

    static MessageTemplate compile(TemplateConfig config) {
        String content = config.content();
        List<String> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < content.length()) {
            int numbered = numberedAt(content, i);
            int open = content.indexOf("{{", i);
            if (numbered >= 0 && (open < 0 || numbered < open)) {
                // a Global SMS variable {1}, {2}: its temp_para key is the number (docs/api.md "Global SMS")
                int close = content.indexOf('}', numbered);
                literal.append(content, i, numbered);
                parts.add(literal.toString());
                parts.add(content.substring(numbered + 1, close));
                literal.setLength(0);
                i = close + 1;
                continue;
            }
            int close = open < 0 ? -1 : content.indexOf("}}", open + 2);
            String name = close < 0 ? null : content.substring(open + 2, close).trim();
            if (name == null || !isName(name)) {
                int upTo = open < 0 ? content.length() : open + 2;
                literal.append(content, i, upTo);
                i = upTo;
                continue;
            }
            literal.append(content, i, open);
            parts.add(literal.toString());
            parts.add(name);
            literal.setLength(0);
            i = close + 2;
        }
        parts.add(literal.toString());
        return new MessageTemplate(config, parts.toArray(new String[0]));
    }

    /**
     * Where the next {@code {N}} (1 or 2 digits, not part of a {@code {{…}}}) starts at or after {@code from}, or -1.
     */
    private static int numberedAt(String content, int from) {
        for (int at = content.indexOf('{', from); at >= 0; at = content.indexOf('{', at + 1)) {
            if (at + 1 < content.length() && content.charAt(at + 1) == '{' || at > 0 && content.charAt(at - 1) == '{') {
                continue;
            }
            int close = content.indexOf('}', at);
            int digits = close - at - 1;
            if (close > 0 && digits >= 1 && digits <= 2 && isDigits(content, at + 1, close)) {
                return at;
            }
        }
        return -1;
    }

    private static boolean isDigits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isName(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    TemplateConfig config() {
        return config;
    }

    /** The text with every variable replaced from {@code params}, or null when one has no value. */
    String render(Map<String, String> params) {
        if (parts.length == 1) {
            return parts[0];
        }
        StringBuilder out = new StringBuilder(literalLength + 16 * (parts.length / 2));
        for (int i = 0; i < parts.length; i++) {
            if (i % 2 == 0) {
                out.append(parts[i]);
                continue;
            }
            String value = params == null ? null : params.get(parts[i]);
            if (value == null) {
                return null;
            }
            out.append(value);
        }
        return out.toString();
    }

    /** Whether a variable of this template is given a blank value (JSMS 50023, "parameters is empty"). */
    boolean hasBlankValue(Map<String, String> params) {
        if (params == null) {
            return false;
        }
        for (int i = 1; i < parts.length; i += 2) {
            String value = params.get(parts[i]);
            if (value != null && value.isBlank()) {
                return true;
            }
        }
        return false;
    }
}
