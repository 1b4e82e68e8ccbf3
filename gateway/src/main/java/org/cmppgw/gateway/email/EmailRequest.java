package org.cmppgw.gateway.email;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

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
 * @param tempId      an email template instead of {@code subject}, {@code text} and {@code html} (docs/api.md
 *                    "Email templates"), or null
 * @param tempPara    the template's variable values
 * @param trackLinks  true: the links of the bodies become tracking links (docs/api.md "Click tracking")
 */
public record EmailRequest(@JsonProperty("to") List<String> to, @JsonProperty("cc") List<String> cc,
                           @JsonProperty("bcc") List<String> bcc, @JsonProperty("subject") String subject,
                           @JsonProperty("text") String text, @JsonProperty("html") String html,
                           @JsonProperty("sender_name") String senderName,
                           @JsonProperty("callback_url") String callbackUrl,
                           @JsonProperty("temp_id") Long tempId,
                           @JsonProperty("temp_para") Map<String, String> tempPara,
                           @JsonProperty("track_links") Boolean trackLinks) {
    /** A request without a template. */
    public EmailRequest(List<String> to, List<String> cc, List<String> bcc, String subject, String text, String html,
                        String senderName, String callbackUrl) {
        this(to, cc, bcc, subject, text, html, senderName, callbackUrl, null, null);
    }

    /** A request without click tracking. */
    public EmailRequest(List<String> to, List<String> cc, List<String> bcc, String subject, String text, String html,
                        String senderName, String callbackUrl, Long tempId, Map<String, String> tempPara) {
        this(to, cc, bcc, subject, text, html, senderName, callbackUrl, tempId, tempPara, null);
    }

    /** Whether the request asks for click tracking. */
    public boolean tracksLinks() {
        return Boolean.TRUE.equals(trackLinks);
    }

    /** This request with a template's filled subject and bodies. */
    public EmailRequest withContent(String filledSubject, String filledText, String filledHtml) {
        return new EmailRequest(to, cc, bcc, filledSubject, filledText, filledHtml, senderName, callbackUrl, null,
            null, trackLinks);
    }
}
