package org.cmppgw.gateway.email;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code POST /v1/email_templates} and {@code PUT /v1/email_templates/{temp_id}} as sent (docs/api.md
 * "Email templates"); {@link TemplateFilling#check} decides what is valid.
 *
 * @param subject the subject line, with {@code {{name}}} variables
 * @param text    the plain-text body
 * @param html    the HTML body
 */
public record EmailTemplateRequest(@JsonProperty("subject") String subject, @JsonProperty("text") String text,
                                   @JsonProperty("html") String html) {
}
