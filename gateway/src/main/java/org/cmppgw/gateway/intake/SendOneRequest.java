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
 */
public record SendOneRequest(@JsonProperty("mobile") @JsonDeserialize(using = JsonStringOnly.class) String mobile,
                             @JsonProperty("temp_id") Long tempId,
                             @JsonProperty("temp_para") Map<String, String> tempPara,
                             @JsonProperty("sign_id") Long signId,
                             @JsonProperty("callback_url") String callbackUrl) {
}
