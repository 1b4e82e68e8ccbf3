package org.cmppgw.gateway.policy;

import org.cmppgw.gateway.model.StoredCodes;

import java.util.Locale;
import java.util.Objects;

/**
 * What a decided step of a policy run did (docs/api.md "Send policies"), as {@code policy_run_step} holds it.
 *
 * @param step            1-based
 * @param channel         the step's channel
 * @param state           what it did
 * @param messageId       the msg_id or email_id it sent, 0 when it sent nothing
 * @param decidedAtMillis when it was decided (sent, skipped, ...)
 * @param reason          why it was skipped, else empty
 */
public record RunStep(int step, SendPolicy.Channel channel, State state, long messageId, long decidedAtMillis,
                      String reason) {
    /** What a step did; the code is stored in {@code policy_run_step.state}, never reorder or reuse one. */
    public enum State {
        /** Its message was accepted (msg_id or email_id). */
        SENT(1),
        /** Its conditions held, but it had nothing to send: no address, or its message was refused. */
        SKIPPED(2),
        /** An earlier step met the goal, so it did not run. */
        NOT_NEEDED(3),
        /** The run was withdrawn before it ran. */
        CANCELLED(4);

        private static final StoredCodes<State> BY_CODE = StoredCodes.index(values(), State::code);

        private final int code;

        State(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        /** The state stored as {@code code}. */
        public static State of(int code) {
            return BY_CODE.of(code);
        }

        /** The name the API and callbacks use. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public RunStep {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(state, "state");
        reason = reason == null ? "" : reason;
    }

    public boolean sent() {
        return state == State.SENT;
    }
}
