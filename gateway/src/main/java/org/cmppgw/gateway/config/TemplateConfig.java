package org.cmppgw.gateway.config;

import org.cmppgw.gateway.model.TemplateType;

/**
 * One entry of {@code templates}: message text with {@code {{name}}} variables (docs/design.md §4). Only approved
 * templates can be sent (JSMS 50020 otherwise). The 500-character limit applies again, with the signature, per message.
 *
 * @param id       the {@code temp_id} requests name
 * @param content  the text, at most 500 characters
 * @param approved whether messages may use it
 * @param type     code, notification or marketing
 * @param submit   SUBMIT fields that replace the provider's and the route's for messages of this template
 *                 (docs/cmpp-protocol.md §7.1)
 * @param ttl      seconds a verification code sent with this template stays valid, 0..86400 (JSMS console rule,
 *                 docs/api.md "Templates"); only verification-code templates use it
 */
public record TemplateConfig(int id, String content, boolean approved, TemplateType type, SubmitOverride submit,
                             int ttl) {
    /** JSMS: content with signature at most 500 characters. */
    public static final int MAX_CONTENT_LENGTH = 500;
    /** JSMS: a verification code is valid for at most a day. */
    public static final int MAX_TTL = 86_400;
    /** The validity of a code when the template gives none (JSMS's default for {@code /v1/codes}). */
    public static final int DEFAULT_TTL = 60;

    public TemplateConfig {
        ConfigChecks.atLeast("id", id, 1);
        ConfigChecks.text("content", content);
        if (content.codePointCount(0, content.length()) > MAX_CONTENT_LENGTH) {
            throw new IllegalArgumentException("content: " + content.codePointCount(0, content.length())
                + " characters (expected: at most " + MAX_CONTENT_LENGTH + ")");
        }
        ConfigChecks.present("type", type, "code, notification or marketing");
        submit = submit == null ? SubmitOverride.NONE : submit;
        ConfigChecks.range("ttl", ttl, 0, MAX_TTL);
    }

    /** A template with the default code validity. */
    public TemplateConfig(int id, String content, boolean approved, TemplateType type, SubmitOverride submit) {
        this(id, content, approved, type, submit, DEFAULT_TTL);
    }

    /** A template that leaves the SUBMIT fields to the provider and the route. */
    public TemplateConfig(int id, String content, boolean approved, TemplateType type) {
        this(id, content, approved, type, SubmitOverride.NONE);
    }
}
