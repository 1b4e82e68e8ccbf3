package org.cmppgw.gateway.email;

import java.util.Objects;

/**
 * A stored email template (docs/api.md "Email templates"): a subject and a text and/or HTML body with {@code {{name}}}
 * variables. Auto-approved: usable as soon as it is stored.
 *
 * @param id        {@code temp_id}
 * @param appKey    the owning app
 * @param subject   the subject line, with variables
 * @param text      the plain-text body, or null
 * @param html      the HTML body, or null; not both null
 * @param createdAt epoch millis
 * @param updatedAt epoch millis
 */
public record EmailTemplate(long id, String appKey, String subject, String text, String html, long createdAt,
                            long updatedAt) {
    public EmailTemplate {
        Objects.requireNonNull(appKey, "appKey");
        Objects.requireNonNull(subject, "subject");
        if (text == null && html == null) {
            throw new IllegalArgumentException("text: null, html: null (expected: at least one body)");
        }
    }
}
