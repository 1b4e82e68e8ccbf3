package org.cmppgw.gateway.email;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The body of {@code POST /v1/emails} as sent (docs/api.md "Emails"); every field may be absent, {@link EmailRules}
 * decides what that means.
 *
 * @param to          recipients: each gets a copy of its own and an {@code email_id}
 * @param cc          copied recipients, sent with the first recipient's copy
 * @param bcc         blind-copied recipients, sent with the first recipient's copy
 * @param subject     the subject line
 * @param text        the plain-text body
 * @param html        the HTML body; with {@code text} the mail carries both (multipart/alternative)
 * @param senderName  the display name in front of the provider's sender address
 * @param callbackUrl one of the app's registered callback URLs; the default when absent
 */
public record EmailRequest(@JsonProperty("to") List<String> to, @JsonProperty("cc") List<String> cc,
                           @JsonProperty("bcc") List<String> bcc, @JsonProperty("subject") String subject,
                           @JsonProperty("text") String text, @JsonProperty("html") String html,
                           @JsonProperty("sender_name") String senderName,
                           @JsonProperty("callback_url") String callbackUrl) {
}
