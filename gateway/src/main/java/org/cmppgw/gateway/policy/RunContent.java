package org.cmppgw.gateway.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a policy run sends on each channel, rendered and checked when the send was accepted (docs/api.md "Send
 * policies"), so a later step needs neither the request nor the templates. Stored as JSON in
 * {@code policy_run.content}.
 *
 * @param sms        the SMS, or null when the policy has no SMS step or the user's mobile was refused
 * @param smsRefusal why the user's mobile was refused at the send, else null
 * @param email      the mail, or null when the policy has no email step
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunContent(@JsonProperty("sms") Sms sms, @JsonProperty("sms_refusal") String smsRefusal,
                         @JsonProperty("email") Email email) {
    /**
     * A rendered SMS.
     *
     * @param content    the full text, signature included
     * @param templateId its template
     * @param signId     its signature
     * @param type       its template type's ordinal ({@link org.cmppgw.gateway.model.TemplateType})
     */
    public record Sms(@JsonProperty("content") String content, @JsonProperty("template_id") int templateId,
                      @JsonProperty("sign_id") int signId, @JsonProperty("type") int type) {
    }

    /** A checked mail, without its recipient. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Email(@JsonProperty("subject") String subject, @JsonProperty("text") String text,
                        @JsonProperty("html") String html, @JsonProperty("sender_name") String senderName) {
    }
}
