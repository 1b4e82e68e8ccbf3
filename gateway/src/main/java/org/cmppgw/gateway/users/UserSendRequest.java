package org.cmppgw.gateway.users;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /v1/users/messages} (docs/api.md "Send to users"): one message to up to
 * {@value #MAX_USERS} users over one channel. With {@code channel} {@code sms} the SMS fields are read, with
 * {@code email} the email fields; each user gets it at the mobile or address stored for them.
 *
 * @param channel     {@code sms} or {@code email}
 * @param userIds     the users, by the business's id
 * @param tempId      SMS: the template
 * @param signId      SMS: the signature; the app's default when absent
 * @param tempPara    SMS: the template's variables, the same for every user
 * @param subject     email: the subject line
 * @param text        email: the plain-text body
 * @param html        email: the HTML body
 * @param senderName  email: the display name in front of the provider's sender address
 * @param callbackUrl one of the app's registered callback URLs; the default when absent
 * @param policyId    a send policy of the app (docs/api.md "Send policies"): the message goes over the policy's
 *                    channels in turn, so the body carries the fields of each and {@code channel} is refused
 * @param trackLinks  true: the links of every message the send makes become tracking links of that message, those
 *                    of a policy's later steps too (docs/api.md "Click tracking")
 * @param emailTempId   email: an email template of the app instead of {@code subject}, {@code text} and {@code html}
 *                      (its own field, since a policy's body carries the SMS {@code temp_id} too)
 * @param emailTempPara email: that template's variables, the same for every user
 */
public record UserSendRequest(@JsonProperty("channel") String channel,
                              @JsonProperty("user_ids") List<String> userIds,
                              @JsonProperty("temp_id") Long tempId, @JsonProperty("sign_id") Long signId,
                              @JsonProperty("temp_para") Map<String, String> tempPara,
                              @JsonProperty("subject") String subject, @JsonProperty("text") String text,
                              @JsonProperty("html") String html, @JsonProperty("sender_name") String senderName,
                              @JsonProperty("callback_url") String callbackUrl,
                              @JsonProperty("policy_id") String policyId,
                              @JsonProperty("track_links") Boolean trackLinks,
                              @JsonProperty("email_temp_id") Long emailTempId,
                              @JsonProperty("email_temp_para") Map<String, String> emailTempPara) {
    /** Users per send, as many as the recipients of a JSMS batch. */
    public static final int MAX_USERS = 1000;
    public static final String SMS = "sms";
    public static final String EMAIL = "email";

    /** A send over one channel, without a policy. */
    public UserSendRequest(String channel, List<String> userIds, Long tempId, Long signId,
                           Map<String, String> tempPara, String subject, String text, String html, String senderName,
                           String callbackUrl) {
        this(channel, userIds, tempId, signId, tempPara, subject, text, html, senderName, callbackUrl, null, null, null,
            null);
    }

    /** A send without {@code track_links}. */
    public UserSendRequest(String channel, List<String> userIds, Long tempId, Long signId,
                           Map<String, String> tempPara, String subject, String text, String html, String senderName,
                           String callbackUrl, String policyId) {
        this(channel, userIds, tempId, signId, tempPara, subject, text, html, senderName, callbackUrl, policyId,
            null, null, null);
    }

    /** This send with an email template's filled subject and bodies in place of {@code email_temp_id}. */
    public UserSendRequest withEmailContent(String filledSubject, String filledText, String filledHtml) {
        return new UserSendRequest(channel, userIds, tempId, signId, tempPara, filledSubject, filledText, filledHtml,
            senderName, callbackUrl, policyId, trackLinks, null, null);
    }

    /** Whether the send asked for {@code track_links}. */
    public boolean tracksLinks() {
        return Boolean.TRUE.equals(trackLinks);
    }
}
