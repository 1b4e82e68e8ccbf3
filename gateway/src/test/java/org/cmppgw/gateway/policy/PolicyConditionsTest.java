package org.cmppgw.gateway.policy;

import org.cmppgw.gateway.clicks.ClickHistory;
import org.cmppgw.gateway.model.Channel;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Step decisions as the console's "Send policy" examples describe them (docs/api.md "Send policies"): AND runs the
 * step only when every condition holds, OR when any does; "not delivered / not clicked within N" look at the earlier
 * step's message N after it was sent.
 */
class PolicyConditionsTest {
    private static final long SENT = 1_000_000;
    private static final long MINUTE = 60_000;

    /** What happened to messages, by id: a small in-memory delivery record and click tracker. */
    private final Map<Long, Instant> delivered = new HashMap<>();
    private final Map<Long, Instant> clicked = new HashMap<>();
    private final ClickHistory clicks = (channel, id) -> Optional.ofNullable(clicked.get(id));
    private final PolicyConditions conditions = new PolicyConditions((channel, id) -> {
        assertThat(channel).isIn(Channel.SMS, Channel.EMAIL);
        return Optional.ofNullable(delivered.get(id));
    }, clicks);

    /** Step 1 (id 11) went out at SENT on sms; step 2 (id 22) at SENT on email. */
    private static final List<RunStep> DECIDED = List.of(
        new RunStep(1, SendPolicy.Channel.SMS, RunStep.State.SENT, 11, SENT, ""),
        new RunStep(2, SendPolicy.Channel.EMAIL, RunStep.State.SENT, 22, SENT, ""));

    /** The seed's step: [step 1 not delivered within 5 min] rel [step 2 not clicked within 10 min]. */
    private static SendPolicy.Step seedStep(SendPolicy.Relation relation) {
        return new SendPolicy.Step(SendPolicy.Channel.SMS, relation, List.of(
            new SendPolicy.Condition(1, SendPolicy.Event.NOT_DELIVERED, Duration.ofMinutes(5)),
            new SendPolicy.Condition(2, SendPolicy.Event.NOT_CLICKED, Duration.ofMinutes(10))));
    }

    private static Instant at(long millis) {
        return Instant.ofEpochMilli(millis);
    }

    @Test
    void andDeliveredWithinFiveMinutesSendsNothingMore() {
        delivered.put(11L, at(SENT + 4 * MINUTE));
        PolicyConditions.Verdict verdict = conditions.decide(seedStep(SendPolicy.Relation.AND), DECIDED);
        assertThat(verdict.runs()).isFalse();
        assertThat(verdict.unmet().step()).isEqualTo(1);
        assertThat(verdict.unmet().event()).isEqualTo(SendPolicy.Event.NOT_DELIVERED);
    }

    @Test
    void andRunsWhenNeitherDeliveredNorClicked() {
        delivered.put(11L, at(SENT + 6 * MINUTE));
        clicked.put(22L, at(SENT + 11 * MINUTE));
        assertThat(conditions.decide(seedStep(SendPolicy.Relation.AND), DECIDED).runs()).isTrue();
    }

    @Test
    void orRunsEvenWhenDeliveredIfNotClickedWithinTenMinutes() {
        delivered.put(11L, at(SENT + 4 * MINUTE));
        assertThat(conditions.decide(seedStep(SendPolicy.Relation.OR), DECIDED).runs()).isTrue();
    }

    @Test
    void orDoesNotRunWhenNoConditionHolds() {
        delivered.put(11L, at(SENT + 4 * MINUTE));
        clicked.put(22L, at(SENT + 9 * MINUTE));
        PolicyConditions.Verdict verdict = conditions.decide(seedStep(SendPolicy.Relation.OR), DECIDED);
        assertThat(verdict.runs()).isFalse();
        assertThat(verdict.unmet().step()).isEqualTo(1);
    }

    @Test
    void theDeadlineIsInclusiveAndALateEventCountsAsNotHappened() {
        SendPolicy.Step step = new SendPolicy.Step(SendPolicy.Channel.EMAIL, SendPolicy.Relation.AND, List.of(
            new SendPolicy.Condition(1, SendPolicy.Event.NOT_DELIVERED, Duration.ofMinutes(5))));
        delivered.put(11L, at(SENT + 5 * MINUTE));
        assertThat(conditions.decide(step, DECIDED).runs()).isFalse();
        delivered.put(11L, at(SENT + 5 * MINUTE + 1));
        assertThat(conditions.decide(step, DECIDED).runs()).isTrue();
    }

    @Test
    void aConditionOnAStepThatSentNothingHoldsAndIsDueAtOnce() {
        List<RunStep> skipped = List.of(new RunStep(1, SendPolicy.Channel.SMS, RunStep.State.SKIPPED, 0, SENT,
            "the user has no mobile"));
        SendPolicy.Step step = new SendPolicy.Step(SendPolicy.Channel.EMAIL, SendPolicy.Relation.AND, List.of(
            new SendPolicy.Condition(1, SendPolicy.Event.NOT_DELIVERED, Duration.ofMinutes(5))));
        assertThat(conditions.decide(step, skipped).runs()).isTrue();
        assertThat(PolicyConditions.dueAt(step, skipped)).isEqualTo(SENT);
    }

    @Test
    void aStepIsDueAtItsLongestWaitAfterTheSendItRefersTo() {
        assertThat(PolicyConditions.dueAt(seedStep(SendPolicy.Relation.OR), DECIDED)).isEqualTo(SENT + 10 * MINUTE);
    }

    @Test
    void withoutClickTrackingNothingCountsAsClicked() {
        PolicyConditions untracked = new PolicyConditions((channel, id) -> Optional.empty(), null);
        SendPolicy.Step step = new SendPolicy.Step(SendPolicy.Channel.SMS, SendPolicy.Relation.AND, List.of(
            new SendPolicy.Condition(2, SendPolicy.Event.NOT_CLICKED, Duration.ofMinutes(10))));
        assertThat(untracked.decide(step, DECIDED).runs()).isTrue();
        assertThat(untracked.reached(DECIDED.get(0))).isNull();
        clicked.put(11L, at(SENT + 1));
        assertThat(conditions.reached(DECIDED.get(0))).isEqualTo(PolicyRun.State.CLICKED);
        delivered.put(11L, at(SENT + 2));
        assertThat(conditions.reached(DECIDED.get(0))).isEqualTo(PolicyRun.State.DELIVERED);
    }
}
