package org.cmppgw.gateway.email;

import org.cmppgw.gateway.intake.ApiError;
import org.cmppgw.gateway.intake.Outcome;

import java.util.Map;

/**
 * Email template text (docs/api.md "Email templates"): checks a template's subject and bodies when it is stored, and
 * fills its {@code {{name}}} variables from a send's {@code temp_para}. Values are HTML-escaped in the HTML body, so a
 * parameter never injects markup; a variable without a value refuses the send (50022). Stateless.
 */
public final class TemplateFilling {
    /** The most characters of a body, as the {@code MEDIUMTEXT} columns and a sane mail allow. */
    public static final int MAX_BODY_LENGTH = 1_000_000;

    private TemplateFilling() {
    }

    /** A checked template request, or the JSMS error naming what is wrong. */
    public static Outcome<EmailTemplateRequest> check(EmailTemplateRequest request) {
        String subject = request.subject();
        if (subject == null || subject.isBlank()) {
            return Outcome.fail(ApiError.INVALID_BODY, "subject is missing");
        }
        if (subject.length() > EmailRules.MAX_SUBJECT_LENGTH || subject.indexOf('\n') >= 0
            || subject.indexOf('\r') >= 0) {
            return Outcome.fail(ApiError.INVALID_BODY, "subject: at most " + EmailRules.MAX_SUBJECT_LENGTH
                + " characters on one line");
        }
        String text = emptyToNull(request.text());
        String html = emptyToNull(request.html());
        if (text == null && html == null) {
            return Outcome.fail(ApiError.INVALID_BODY, "text or html is required");
        }
        for (String body : new String[] {subject, text, html}) {
            if (body == null) {
                continue;
            }
            if (body.length() > MAX_BODY_LENGTH) {
                return Outcome.fail(ApiError.INVALID_BODY, "a body is longer than " + MAX_BODY_LENGTH + " characters");
            }
            String problem = fillInto(new StringBuilder(), body, Map.of(), false, true);
            if (problem != null) {
                return Outcome.fail(ApiError.TEMPLATE_PARAMETER_INVALID, problem);
            }
        }
        return Outcome.ok(new EmailTemplateRequest(subject, text, html));
    }

    /**
     * {@code text} with every variable replaced by its value in {@code params}.
     *
     * @return the filled text, or a failed outcome (50022) naming the first variable without a value
     */
    public static Outcome<String> fill(String text, Map<String, String> params, boolean html) {
        if (text == null) {
            return Outcome.ok(null);
        }
        StringBuilder out = new StringBuilder(text.length() + 64);
        String missing = fillInto(out, text, params, html, false);
        return missing == null ? Outcome.ok(out.toString())
            : Outcome.fail(ApiError.PARAMETERS_NOT_REPLACED, "temp_para has no value for {{" + missing + "}}");
    }

    /**
     * Appends {@code text} filled to {@code out}, or with {@code checkOnly} checks its variables' syntax only.
     *
     * @return what is wrong with the syntax, or the name of a variable without a value, or null
     */
    private static String fillInto(StringBuilder out, String text, Map<String, String> params, boolean html,
                                   boolean checkOnly) {
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf("{{", i);
            if (open < 0) {
                out.append(text, i, text.length());
                return null;
            }
            int close = text.indexOf("}}", open + 2);
            if (close < 0) {
                return "{{ at " + open + " is not closed";
            }
            String name = text.substring(open + 2, close);
            if (!isName(name)) {
                return "variable {{" + name + "}} (expected: letters, digits and _ not at either end)";
            }
            out.append(text, i, open);
            if (!checkOnly) {
                String value = params == null ? null : params.get(name);
                if (value == null) {
                    return name;
                }
                out.append(html ? escapeHtml(value) : value);
            }
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
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    static String escapeHtml(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
