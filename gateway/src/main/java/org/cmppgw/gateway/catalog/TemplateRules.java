package org.cmppgw.gateway.catalog;

import org.cmppgw.gateway.config.SignatureConfig;
import org.cmppgw.gateway.config.TemplateConfig;
import org.cmppgw.gateway.intake.ApiError;
import org.cmppgw.gateway.intake.Outcome;
import org.cmppgw.gateway.model.TemplateType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a template an app creates or modifies must be (docs/api.md "Templates", after JSMS's console rules and error
 * table), each refusal with its JSMS code:
 * <ul>
 *   <li>50042: no text; 50025: a type other than 1, 2, 3; 50045: a remark over 500 characters;</li>
 *   <li>50052: {@code [ ] 【 】} in the text (brackets belong to the signature);</li>
 *   <li>50044: a {@code {{…}}} that is unclosed, empty or not letters, digits and inner underscores, or a
 *       verification template whose variables are not exactly {@code {{code}}};</li>
 *   <li>50041: a verification template without a ttl in 0..86400 seconds;</li>
 *   <li>50053: a link variable (its name contains {@code url} or {@code link}) and no remark saying what it links;</li>
 *   <li>50043: the text, with the marketing unsubscribe text and the longest signature ({@code 【} + 16 + {@code 】}),
 *       over 500 characters.</li>
 * </ul>
 * A marketing template gets {@link #UNSUBSCRIBE} appended unless it already ends with it (carriers require it).
 */
public final class TemplateRules {
    /** JSMS: a remark is at most 500 characters. */
    public static final int MAX_REMARK_LENGTH = 500;
    /** Appended to marketing templates: the handset replies TD to stop them (docs/api.md "Templates"). */
    public static final String UNSUBSCRIBE = "回TD退订";
    /** The longest signature prefix, {@code 【} + 16 characters + {@code 】}. */
    static final int MAX_PREFIX_LENGTH = SignatureConfig.MAX_LENGTH + 2;
    private static final String CODE_VARIABLE = "code";

    private TemplateRules() {
    }

    public static Outcome<NewTemplate> check(TemplateRequest request) {
        String text = request.template();
        if (text == null || text.isBlank()) {
            return Outcome.fail(ApiError.TEMPLATE_EMPTY);
        }
        TemplateType type = type(request.type());
        if (type == null) {
            return Outcome.fail(ApiError.WRONG_TEMPLATE_TYPE, "type " + request.type()
                + " (expected: 1 verification code, 2 notification or 3 marketing)");
        }
        String remark = request.remark() == null ? "" : request.remark();
        if (length(remark) > MAX_REMARK_LENGTH) {
            return Outcome.fail(ApiError.REMARK_TOO_LONG, length(remark) + " characters (expected: at most "
                + MAX_REMARK_LENGTH + ")");
        }
        if (hasBrackets(text)) {
            return Outcome.fail(ApiError.TEMPLATE_SPECIAL_SYMBOL, "the template may not contain [ ] 【 】");
        }
        List<String> variables = new ArrayList<>();
        String bad = variables(text, variables);
        if (bad != null) {
            return Outcome.fail(ApiError.TEMPLATE_PARAMETER_INVALID, bad);
        }
        int ttl = 0;
        if (type == TemplateType.CODE) {
            if (variables.isEmpty() || variables.stream().anyMatch(v -> !CODE_VARIABLE.equals(v))) {
                return Outcome.fail(ApiError.TEMPLATE_PARAMETER_INVALID,
                    "a verification code template has {{code}} and no other variable");
            }
            if (request.ttl() == null || request.ttl() < 0 || request.ttl() > TemplateConfig.MAX_TTL) {
                return Outcome.fail(ApiError.INVALID_TTL, "ttl " + request.ttl() + " (expected: 0.."
                    + TemplateConfig.MAX_TTL + " seconds)");
            }
            ttl = request.ttl();
        }
        if (remark.isBlank() && variables.stream().anyMatch(TemplateRules::isLink)) {
            return Outcome.fail(ApiError.LINK_NEEDS_REMARK, "say in remark what the link variable links to");
        }
        String content = type == TemplateType.MARKETING && !text.endsWith(UNSUBSCRIBE) ? text + UNSUBSCRIBE : text;
        int total = length(content) + MAX_PREFIX_LENGTH;
        if (total > TemplateConfig.MAX_CONTENT_LENGTH) {
            return Outcome.fail(ApiError.TEMPLATE_TOO_LONG, total + " characters with the signature (expected: at most "
                + TemplateConfig.MAX_CONTENT_LENGTH + ")");
        }
        return Outcome.ok(new NewTemplate(content, type, ttl, remark));
    }

    private static TemplateType type(Integer code) {
        if (code == null) {
            return null;
        }
        return switch (code) {
            case 1 -> TemplateType.CODE;
            case 2 -> TemplateType.NOTIFICATION;
            case 3 -> TemplateType.MARKETING;
            default -> null;
        };
    }

    /** JSMS's number for a type. */
    public static int code(TemplateType type) {
        return switch (type) {
            case CODE -> 1;
            case NOTIFICATION -> 2;
            case MARKETING -> 3;
        };
    }

    /** Collects the variable names into {@code out}; what is wrong with them, or null. */
    private static String variables(String text, List<String> out) {
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf("{{", i);
            int strayClose = text.indexOf("}}", i);
            if (open < 0) {
                return strayClose < 0 ? null : "}} without {{ at " + strayClose;
            }
            if (strayClose >= 0 && strayClose < open) {
                return "}} without {{ at " + strayClose;
            }
            int close = text.indexOf("}}", open + 2);
            if (close < 0) {
                return "{{ at " + open + " is not closed";
            }
            String name = text.substring(open + 2, close);
            if (!isName(name)) {
                return "variable {{" + name + "}} (expected: letters, digits and _ not at either end)";
            }
            out.add(name);
            i = close + 2;
        }
        return null;
    }

    private static boolean isName(String name) {
        if (name.isEmpty() || name.charAt(0) == '_' || name.charAt(name.length() - 1) == '_') {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLink(String variable) {
        String name = variable.toLowerCase(Locale.ROOT);
        return name.contains("url") || name.contains("link");
    }

    static boolean hasBrackets(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '[' || c == ']' || c == '【' || c == '】') {
                return true;
            }
        }
        return false;
    }

    static int length(String s) {
        return s.codePointCount(0, s.length());
    }
}
