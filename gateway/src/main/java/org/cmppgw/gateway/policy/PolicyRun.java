package org.cmppgw.gateway.policy;

import org.cmppgw.gateway.model.StoredCodes;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One user's run of a send policy (docs/api.md "Send policies"), as {@code policy_run} and {@code policy_run_step}
 * hold it (V20 migration): what it sends, to whom, what its decided steps did, and its timer.
 *
 * @param runId       its id, answered by {@code POST /v1/users/messages}
 * @param appKey      the app that sent it
 * @param policyId    the policy it follows
 * @param userId      the business's user id
 * @param mobile      the user's mobile at the send, empty when none
 * @param email       the user's address at the send, empty when none
 * @param policy      the policy's steps as they were at the send
 * @param content     what each channel sends
 * @param callbackUrl where POLICY_REPORT callbacks go; empty: none
 * @param state       where it stands
 * @param outcomeStep the step that met the goal, else 0
 * @param nextStep    the step its timer decides; the step count + 1 for the final outcome
 * @param dueAtMillis when its timer is due
 * @param steps       the decided steps, in order
 */
public record PolicyRun(long runId, String appKey, long policyId, String userId, String mobile, String email,
                        SendPolicy policy, RunContent content, String callbackUrl, State state, int outcomeStep,
                        int nextStep, long dueAtMillis, List<RunStep> steps) {
    /** Where a run stands; the code is stored in {@code policy_run.state}, never reorder or reuse one. */
    public enum State {
        RUNNING(0), DELIVERED(1), CLICKED(2), FAILED(3), WITHDRAWN(4);

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

    public PolicyRun {
        Objects.requireNonNull(appKey, "appKey");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(mobile, "mobile");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(callbackUrl, "callbackUrl");
        Objects.requireNonNull(state, "state");
        steps = List.copyOf(steps);
    }

    /** The user's address on {@code channel}; empty when the user has none. */
    public String address(SendPolicy.Channel channel) {
        return channel == SendPolicy.Channel.SMS ? mobile : email;
    }
}
