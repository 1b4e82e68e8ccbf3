package org.cmppgw.gateway.schedule;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.cmppgw.gateway.intake.JsonStringOnly;
import org.cmppgw.gateway.intake.SendBatchRequest;
import org.cmppgw.gateway.intake.SendOneRequest;

import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /v1/schedule}, {@code POST /v1/schedule/batch} and their PUTs (docs/api.md, "Scheduled
 * sends"): a send's fields plus its time, and a batch's tag. One record for both; {@code mobile} and
 * {@code temp_para} are a single schedule's, {@code recipients} and {@code tag} a batch's.
 *
 * @param sendTime {@code yyyy-MM-dd HH:mm:ss} in {@code schedules.zone}
 * @param tag      a batch's label, at most {@value #MAX_TAG} characters, never sent
 */
public record ScheduleRequest(@JsonProperty("send_time") String sendTime,
                              @JsonProperty("mobile") @JsonDeserialize(using = JsonStringOnly.class) String mobile,
                              @JsonProperty("temp_id") Long tempId,
                              @JsonProperty("temp_para") Map<String, String> tempPara,
                              @JsonProperty("sign_id") Long signId,
                              @JsonProperty("tag") String tag,
                              @JsonProperty("recipients") List<SendBatchRequest.Recipient> recipients) {
    public static final int MAX_TAG = 10;

    /** The single send it schedules. */
    public SendOneRequest one() {
        return new SendOneRequest(mobile, tempId, tempPara, signId, null);
    }

    /** The batch send it schedules. */
    public SendBatchRequest batch() {
        return new SendBatchRequest(tempId, signId, null, recipients);
    }
}
