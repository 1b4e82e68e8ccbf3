package org.cmppgw.gateway.model;

import java.time.Instant;
import java.util.Objects;

/**
 * What the carrier answered to the SUBMIT of one part (docs/cmpp-protocol.md §7.3, §11.2): the Msg_Id it assigned, the
 * key of every status report about this part, and the Result. Record only final answers: Result 0 (accepted, a report
 * will follow) or a permanent error, which fails the message at once with {@link #rejectionStat()}. A flow-control
 * Result (8) is the dispatcher's to retry and is never recorded.
 *
 * @param msgId        our message id
 * @param partNumber   Pk_number, 1..{@code partCount}
 * @param partCount    Pk_total, the message's number of parts
 * @param provider     the provider (carrier account) that took the submit; Msg_Ids are unique only per account
 * @param carrierMsgId the SUBMIT_RESP Msg_Id as its raw 64 bits (often 0 when Result is not 0)
 * @param result       the SUBMIT_RESP Result, &gt;= 0
 * @param submittedAt  when the SUBMIT_RESP arrived
 */
public record SubmitOutcome(long msgId, int partNumber, int partCount, String provider, long carrierMsgId,
                            int result, Instant submittedAt) {
    public static final int MAX_PROVIDER_LENGTH = 64;
    /** The stat prefix of a message failed by a SUBMIT_RESP error, shaped like the spec's "MB:xxxx" stats. */
    public static final String REJECTION_STAT_PREFIX = "SR:";

    public SubmitOutcome {
        FieldChecks.positive("msgId", msgId);
        FieldChecks.range("partCount", partCount, 1, OutboundMessage.MAX_PARTS);
        FieldChecks.range("partNumber", partNumber, 1, partCount);
        FieldChecks.text("provider", provider, 1, MAX_PROVIDER_LENGTH);
        if (result < 0) {
            throw new IllegalArgumentException("result: " + result + " (expected: >= 0)");
        }
        Objects.requireNonNull(submittedAt, "submittedAt");
    }

    /** Result 0: the carrier took the part and will report on it. */
    public boolean accepted() {
        return result == 0;
    }

    /**
     * The stat a rejected part fails its message with: "SR:" and the Result in four digits ("SR:0013"), or in full
     * when it is wider. The raw Result stays in the store next to it.
     */
    public String rejectionStat() {
        String digits = Integer.toString(result);
        StringBuilder sb = new StringBuilder(REJECTION_STAT_PREFIX.length() + Math.max(4, digits.length()));
        sb.append(REJECTION_STAT_PREFIX);
        for (int i = digits.length(); i < 4; i++) {
            sb.append('0');
        }
        return sb.append(digits).toString();
    }
}
