package org.cmppgw.gateway.intake;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.util.Map;

/**
 * The body of {@code POST /v1/messages} as sent; every field may be absent, admission decides what that means.
 *
 * @param mobile      recipient; a JSON string only ({@link JsonStringOnly})
 * @param tempId      template id
 * @param tempPara    template variables
 * @param signId      signature id; the app's default when absent
 * @param callbackUrl one of the app's registered callback URLs; the default when absent
 * @param trackLinks  true: every {@code temp_para} value that is an http(s) URL becomes a tracking link (docs/api.md
 *                    "Click tracking"); absent or false: sent as is
 */
public record SendOneRequest(@JsonProperty("mobile") @JsonDeserialize(using = JsonStringOnly.class) String mobile,
                             @JsonProperty("temp_id") Long tempId,
                             @JsonProperty("temp_para") Map<String, String> tempPara,
                             @JsonProperty("sign_id") Long signId,
                             @JsonProperty("callback_url") String callbackUrl,
                             @JsonProperty("track_links") Boolean trackLinks) {
    /** A send without click tracking. */
    public SendOneRequest(String mobile, Long tempId, Map<String, String> tempPara, Long signId, String callbackUrl) {
        this(mobile, tempId, tempPara, signId, callbackUrl, null);
    }

    /** Whether the send asks for click tracking. */
    public boolean tracksLinks() {
        return Boolean.TRUE.equals(trackLinks);
    }

    /** This send with other {@code temp_para} values (its links replaced by tracking links). */
    public SendOneRequest withTempPara(Map<String, String> values) {
        return new SendOneRequest(mobile, tempId, values, signId, callbackUrl, trackLinks);
    }
}
