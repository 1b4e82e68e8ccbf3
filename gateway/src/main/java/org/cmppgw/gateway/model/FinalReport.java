package org.cmppgw.gateway.model;

import java.time.Instant;
import java.util.Objects;

/**
 * The final status of one message, as an app receives it in an SMS_REPORT callback or pulls it with
 * {@code GET /v1/report}. {@code stat} is the raw carrier Stat of the part that decided it (DELIVRD when all parts
 * were delivered), or a gateway stat such as {@code SR:0013} when the submit itself was refused.
 *
 * @param msgId    our message id
 * @param mobile   the destination handset
 * @param status   {@link MessageStatus#DELIVERED} or {@link MessageStatus#FAILED}
 * @param stat     the deciding Stat, up to {@value #MAX_STAT_LENGTH} characters
 * @param finalAt  when the deciding report (or decision) arrived: the callback's {@code receiveTime}
 */
public record FinalReport(long msgId, String mobile, MessageStatus status, String stat, Instant finalAt)
        implements CallbackPayload {
    /** Carrier Stats are 7 octets; gateway stats stay within this width too. */
    public static final int MAX_STAT_LENGTH = 16;

    public FinalReport {
        FieldChecks.positive("msgId", msgId);
        FieldChecks.text("mobile", mobile, 0, CarrierReport.MAX_MOBILE_LENGTH);
        Objects.requireNonNull(status, "status");
        if (!status.isFinal()) {
            throw new IllegalArgumentException("status: " + status + " (expected: DELIVERED or FAILED)");
        }
        FieldChecks.text("stat", stat, 0, MAX_STAT_LENGTH);
        Objects.requireNonNull(finalAt, "finalAt");
    }

    @Override
    public CallbackType type() {
        return CallbackType.SMS_REPORT;
    }
}
