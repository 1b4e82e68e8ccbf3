package org.cmppgw.gateway.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/**
 * What a policy run sends on each channel, rendered and checked when the send was accepted (docs/api.md "Send
 * policies"), so a later step needs neither the request nor the templates. Stored as JSON in
 * {@code policy_run.content}.
 *
 * @param sms        the SMS, or null when the policy has no SMS step or the user's mobile was refused
 * @param smsRefusal why the user's mobile was refused at the send, else null
 * @param email      the mail, or null when the policy has no email step
 * @param trackLinks true when the send asked for {@code track_links}: each step's message gets tracking links of its
 *                   own when it is sent (docs/api.md "Click tracking"); null or false otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunContent(@JsonProperty("sms") Sms sms, @JsonProperty("sms_refusal") String smsRefusal,
                         @JsonProperty("email") Email email, @JsonProperty("track_links") Boolean trackLinks) {
    /** Content whose links are not tracked. */
    public RunContent(Sms sms, String smsRefusal, Email email) {
        this(sms, smsRefusal, email, null);
    }

    /** Whether each step's message gets tracking links of its own. */
    public boolean tracksLinks() {
        return Boolean.TRUE.equals(trackLinks);
    }

    /**
     * A rendered SMS.
     *
     * @param content    the full text, signature included
     * @param templateId its template
     * @param signId     its signature
     * @param type       its template type's ordinal ({@link org.cmppgw.gateway.model.TemplateType})
     * @param links      with {@code track_links}: each stand-in tracking URL of {@code content} and the link it stands
     *                   for. The text was rendered and measured with the stand-ins, which have the length of a real
     *                   tracking URL; each message replaces them with tokens of its own. Null without tracking.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Sms(@JsonProperty("content") String content, @JsonProperty("template_id") int templateId,
                      @JsonProperty("sign_id") int signId, @JsonProperty("type") int type,
                      @JsonProperty("links") Map<String, String> links) {
        /** An SMS whose links are not tracked. */
        public Sms(String content, int templateId, int signId, int type) {
            this(content, templateId, signId, type, null);
        }
    }

    /** A checked mail, without its recipient. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Email(@JsonProperty("subject") String subject, @JsonProperty("text") String text,
                        @JsonProperty("html") String html, @JsonProperty("sender_name") String senderName) {
    }
}
