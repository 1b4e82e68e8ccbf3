package org.cmppgw.gateway.intake;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /v1/messages/batch} as sent: one template for up to 1000 recipients.
 *
 * @param tempId      template id
 * @param signId      signature id; the app's default when absent
 * @param callbackUrl one of the app's registered callback URLs; the default when absent
 * @param recipients  1..1000 recipients
 * @param trackLinks  true: every {@code temp_para} value that is an http(s) URL becomes a tracking link (docs/api.md
 *                    "Click tracking"); absent or false: sent as is
 */
public record SendBatchRequest(@JsonProperty("temp_id") Long tempId, @JsonProperty("sign_id") Long signId,
                               @JsonProperty("callback_url") String callbackUrl,
                               @JsonProperty("recipients") List<Recipient> recipients,
                               @JsonProperty("track_links") Boolean trackLinks) {
    /** The JSMS limit per batch request. */
    public static final int MAX_RECIPIENTS = 1000;

    /** A batch without click tracking. */
    public SendBatchRequest(Long tempId, Long signId, String callbackUrl, List<Recipient> recipients) {
        this(tempId, signId, callbackUrl, recipients, null);
    }

    /** Whether the batch asks for click tracking. */
    public boolean tracksLinks() {
        return Boolean.TRUE.equals(trackLinks);
    }

    /** This batch with other recipients (their links replaced by tracking links). */
    public SendBatchRequest withRecipients(List<Recipient> values) {
        return new SendBatchRequest(tempId, signId, callbackUrl, values, trackLinks);
    }

    /**
     * One recipient of a batch.
     *
     * @param mobile   recipient; a JSON string only ({@link JsonStringOnly})
     * @param tempPara template variables for this recipient
     */
    public record Recipient(@JsonProperty("mobile") @JsonDeserialize(using = JsonStringOnly.class) String mobile,
                            @JsonProperty("temp_para") Map<String, String> tempPara) {
    }
}
