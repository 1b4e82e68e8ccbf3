package org.cmppgw.gateway.model;

import org.cmppgw.gateway.policy.PolicyRun;
import org.cmppgw.gateway.policy.RunStep;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stored-code lookup the policy states share: every code back to its constant, anything else refused. */
final class StoredCodesTest {
    private enum Gap {
        ONE(1), THREE(3);

        private final int code;

        Gap(int code) {
            this.code = code;
        }
    }

    private enum Twice {
        FIRST, SECOND
    }

    @Test
    void policyStatesRoundTripAndUnknownCodesAreRefused() {
        for (PolicyRun.State state : PolicyRun.State.values()) {
            assertThat(PolicyRun.State.of(state.code())).isSameAs(state);
        }
        for (RunStep.State state : RunStep.State.values()) {
            assertThat(RunStep.State.of(state.code())).isSameAs(state);
        }
        assertThat(PolicyRun.State.of(0)).isSameAs(PolicyRun.State.RUNNING);
        assertThat(RunStep.State.of(1)).isSameAs(RunStep.State.SENT);
        assertThatThrownBy(() -> PolicyRun.State.of(5)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("code: 5 (expected: 0..4)");
        assertThatThrownBy(() -> PolicyRun.State.of(-1)).hasMessage("code: -1 (expected: 0..4)");
        assertThatThrownBy(() -> RunStep.State.of(0)).hasMessage("code: 0 (expected: 1..4)");
        assertThatThrownBy(() -> RunStep.State.of(5)).hasMessage("code: 5 (expected: 1..4)");
    }

    @Test
    void codesWithAGapOrARepeatAreRefusedWhenIndexed() {
        assertThatThrownBy(() -> StoredCodes.index(Gap.values(), gap -> gap.code))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("Gap.THREE - code 3 repeats a code or leaves a gap (expected: 1..2)");
        assertThatThrownBy(() -> StoredCodes.index(Twice.values(), twice -> 7))
            .hasMessage("Twice.SECOND - code 7 repeats a code or leaves a gap (expected: 7..8)");
    }
}
