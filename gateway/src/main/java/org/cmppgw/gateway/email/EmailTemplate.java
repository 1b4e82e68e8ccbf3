package org.cmppgw.gateway.email;

import org.cmppgw.gateway.intake.Outcome;

import java.util.List;
import java.util.Map;
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

    /** The subject and bodies with the variables filled; a body the template lacks stays null. */
    public record Filled(String subject, String text, String html) {
    }

    /**
     * Fills the variables from {@code params} (HTML-escaped in the HTML body), or the JSMS error of the first one
     * that has no value (docs/api.md "Email templates").
     */
    public Outcome<Filled> fill(Map<String, String> params) {
        Map<String, String> values = params == null ? Map.of() : params;
        Outcome<String> filledSubject = TemplateFilling.fill(subject, values, false);
        Outcome<String> filledText = TemplateFilling.fill(text, values, false);
        Outcome<String> filledHtml = TemplateFilling.fill(html, values, true);
        for (Outcome<String> part : List.of(filledSubject, filledText, filledHtml)) {
            if (!part.isOk()) {
                return part.failure();
            }
        }
        return Outcome.ok(new Filled(filledSubject.value(), filledText.value(), filledHtml.value()));
    }
}
