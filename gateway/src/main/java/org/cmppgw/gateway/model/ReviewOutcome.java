package org.cmppgw.gateway.model;

import java.time.Instant;
import java.util.Objects;

/**
 * An operator's decision on an app's template or signature, called back to the app as {@code SMS_TEMPLATE} or
 * {@code SMS_SIGN} (docs/api.md "Callbacks"). Stored as a {@code review_event} row in the transaction that changes the
 * status, so the callback says what was decided even if the template changes afterwards.
 *
 * @param eventId    the review event's id (the outbox row's {@code ref_id})
 * @param type       {@link CallbackType#SMS_TEMPLATE} or {@link CallbackType#SMS_SIGN}
 * @param subjectId  the {@code temp_id} or {@code sign_id}
 * @param status     approved or rejected
 * @param reason     why it was rejected; empty when approved
 * @param reviewedAt when the operator decided
 */
public record ReviewOutcome(long eventId, CallbackType type, long subjectId, ReviewStatus status, String reason,
                            Instant reviewedAt) implements CallbackPayload {
    public ReviewOutcome {
        FieldChecks.positive("eventId", eventId);
        if (type != CallbackType.SMS_TEMPLATE && type != CallbackType.SMS_SIGN) {
            throw new IllegalArgumentException("type: " + type + " (expected: SMS_TEMPLATE or SMS_SIGN)");
        }
        FieldChecks.positive("subjectId", subjectId);
        if (status == null || status == ReviewStatus.PENDING) {
            throw new IllegalArgumentException("status: " + status + " (expected: APPROVED or REJECTED)");
        }
        reason = reason == null ? "" : reason;
        Objects.requireNonNull(reviewedAt, "reviewedAt");
    }
}
