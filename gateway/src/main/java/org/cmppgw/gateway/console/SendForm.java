package org.cmppgw.gateway.console;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fields of the console's test send and template preview as the operator typed them, kept to fill the form again
 * when the send is refused (docs/operations.md "Console").
 *
 * @param app       the sending app's key
 * @param tempId    the template id as typed
 * @param signId    the signature id as typed; empty for the app's default
 * @param mobile    the recipient as typed
 * @param variables the template variables, one {@code name=value} per line
 */
public record SendForm(String app, String tempId, String signId, String mobile, String variables) {
    /** Longest variables field taken: 4,000 characters, as a schedule stores its recipients' temp_para. */
    static final int MAX_VARIABLES = 4000;
    static final SendForm EMPTY = new SendForm("", "", "", "", "");

    public SendForm {
        app = app == null ? "" : app.strip();
        tempId = tempId == null ? "" : tempId.strip();
        signId = signId == null ? "" : signId.strip();
        mobile = mobile == null ? "" : mobile.strip();
        variables = variables == null ? "" : variables;
    }

    /**
     * The variables as temp_para: one {@code name=value} per line, blank lines skipped, the value kept as typed.
     *
     * @throws IllegalArgumentException naming the first line that is not {@code name=value}
     */
    Map<String, String> params() {
        if (variables.length() > MAX_VARIABLES) {
            throw new IllegalArgumentException("variables: " + variables.length() + " characters (expected: at most "
                + MAX_VARIABLES + ")");
        }
        Map<String, String> params = new LinkedHashMap<>();
        String[] lines = variables.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0 || line.substring(0, eq).isBlank()) {
                throw new IllegalArgumentException("variables: line " + (i + 1) + " (expected: name=value)");
            }
            params.put(line.substring(0, eq).strip(), line.substring(eq + 1));
        }
        return params;
    }

    /** The signature id, or null for the app's default. */
    Long sign() {
        if (signId.isEmpty()) {
            return null;
        }
        long id = ConsoleRequest.positive(signId);
        if (id <= 0) {
            throw new IllegalArgumentException("sign_id: " + signId + " (expected: a positive number or empty)");
        }
        return id;
    }

    /** The template id. */
    long template() {
        long id = ConsoleRequest.positive(tempId);
        if (id <= 0) {
            throw new IllegalArgumentException("temp_id: " + tempId + " (expected: a positive number)");
        }
        return id;
    }
}
