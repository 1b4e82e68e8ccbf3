package org.cmppgw.gateway.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One outcome of a send policy's run, called back as {@code POLICY_REPORT} (docs/api.md "Callbacks"): a step's
 * ({@code sent}, {@code skipped}, {@code not_needed}, {@code cancelled}) or the run's final one ({@code delivered},
 * {@code clicked}, {@code failed}, {@code withdrawn}). Read from its {@code policy_event} row when the callback is
 * sent.
 *
 * @param eventId     the row's id (the outbox row's {@code ref_id})
 * @param runId       the run, as {@code POST /v1/users/messages} answered it
 * @param policyId    the run's policy
 * @param userId      the business's user id
 * @param step        the step, 1-based; for a final outcome the step that met the goal, 0 when none did
 * @param last        true for the run's final outcome
 * @param outcome     the outcome's name, lower case
 * @param stepChannel the step's channel ({@code sms}, {@code email}); empty when no step met the goal
 * @param messageId   the step's msg_id or email_id, 0 when it sent nothing
 * @param reason      why a step was skipped, else empty
 * @param at          when it was decided
 */
public record PolicyReport(long eventId, long runId, long policyId, String userId, int step, boolean last,
                           String outcome, String stepChannel, long messageId, String reason, Instant at)
        implements CallbackPayload {
    public PolicyReport {
        FieldChecks.positive("eventId", eventId);
        FieldChecks.positive("runId", runId);
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(stepChannel, "stepChannel");
        reason = reason == null ? "" : reason;
        Objects.requireNonNull(at, "at");
    }

    @Override
    public CallbackType type() {
        return CallbackType.POLICY_REPORT;
    }
}
