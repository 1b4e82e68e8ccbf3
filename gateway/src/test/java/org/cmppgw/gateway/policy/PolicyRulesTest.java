package org.cmppgw.gateway.policy;

import org.cmppgw.gateway.intake.ApiError;
import org.cmppgw.gateway.intake.Outcome;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The seed's "Send policy" rules: 2+ steps, each channel once, conditions from step 2 on, AND / OR. */
final class PolicyRulesTest {
    private final PolicyRules rules = new PolicyRules(true);

    private static PolicyRequest.Step first(String channel) {
        return new PolicyRequest.Step(channel, null, null);
    }

    private static PolicyRequest.Condition notDelivered(int step, int minutes) {
        return new PolicyRequest.Condition(step, "not_delivered", minutes, null);
    }

    private static PolicyRequest.Condition notClicked(int step, int minutes) {
        return new PolicyRequest.Condition(step, "not_clicked", minutes, null);
    }

    private static void assertRefused(Outcome<SendPolicy> outcome, String message) {
        assertThat(outcome.error()).isEqualTo(ApiError.INVALID_BODY);
        assertThat(outcome.message()).contains(message);
    }

    @Test
    void smsThenEmailWhenNotDeliveredOrNotClicked() {
        Outcome<SendPolicy> checked = rules.check(new PolicyRequest("fallback", List.of(first("sms"),
            new PolicyRequest.Step("email", "or", List.of(notDelivered(1, 5), notClicked(1, 10))))));
        assertThat(checked.isOk()).as(checked.message()).isTrue();
        SendPolicy.Step email = checked.value().steps().get(1);
        assertThat(email.channel()).isEqualTo(SendPolicy.Channel.EMAIL);
        assertThat(email.relation()).isEqualTo(SendPolicy.Relation.OR);
        assertThat(email.conditions()).extracting(SendPolicy.Condition::event)
            .containsExactly(SendPolicy.Event.NOT_DELIVERED, SendPolicy.Event.NOT_CLICKED);
        assertThat(email.decidedAfter()).isEqualTo(Duration.ofMinutes(10));
        assertThat(PolicyStore.form(checked.value()).steps().get(1).conditions().get(0).withinMinutes())
            .isEqualTo(5);
    }

    @Test
    void oneConditionNeedsNoRelationAndSecondsAreTheExtension() {
        Outcome<SendPolicy> checked = rules.check(new PolicyRequest("quick", List.of(first("email"),
            new PolicyRequest.Step("sms", null, List.of(new PolicyRequest.Condition(1, "not_delivered", null, 30))))));
        assertThat(checked.isOk()).as(checked.message()).isTrue();
        assertThat(checked.value().steps().get(1).conditions().get(0).within()).isEqualTo(Duration.ofSeconds(30));
        assertThat(PolicyStore.form(checked.value()).steps().get(1).conditions().get(0).withinSeconds())
            .isEqualTo(30);
    }

    @Test
    void everyRuleOfTheSeedIsEnforced() {
        assertRefused(rules.check(new PolicyRequest("one", List.of(first("sms")))), "steps: 1 steps");
        assertRefused(rules.check(new PolicyRequest("twice", List.of(first("sms"),
            new PolicyRequest.Step("sms", null, List.of(notDelivered(1, 5)))))), "already used");
        assertRefused(rules.check(new PolicyRequest("fax", List.of(first("fax"),
            new PolicyRequest.Step("sms", null, List.of(notDelivered(1, 5)))))), "steps[0].channel: fax");
        assertRefused(rules.check(new PolicyRequest("cond on first", List.of(
            new PolicyRequest.Step("sms", null, List.of(notDelivered(1, 5))),
            new PolicyRequest.Step("email", null, List.of(notDelivered(1, 5)))))), "has no conditions");
        assertRefused(rules.check(new PolicyRequest("none", List.of(first("sms"),
            new PolicyRequest.Step("email", null, List.of())))), "1..10 conditions");
        assertRefused(rules.check(new PolicyRequest("later step", List.of(first("sms"),
            new PolicyRequest.Step("email", null, List.of(notDelivered(2, 5)))))), "an earlier step");
        assertRefused(rules.check(new PolicyRequest("no relation", List.of(first("sms"),
            new PolicyRequest.Step("email", null, List.of(notDelivered(1, 5), notClicked(1, 5)))))), "relation");
        assertRefused(rules.check(new PolicyRequest("both", List.of(first("sms"),
            new PolicyRequest.Step("email", null, List.of(new PolicyRequest.Condition(1, "not_delivered", 1, 60)))))),
            "exactly one of");
        assertRefused(rules.check(new PolicyRequest("too long", List.of(first("sms"),
            new PolicyRequest.Step("email", null, List.of(notDelivered(1, 1441)))))), "within_minutes 1..1440");
        assertRefused(rules.check(new PolicyRequest("event", List.of(first("sms"),
            new PolicyRequest.Step("email", null, List.of(new PolicyRequest.Condition(1, "read", 5, null)))))),
            "not_delivered or not_clicked");
        assertRefused(rules.check(new PolicyRequest(" ", List.of())), "name");
        assertRefused(new PolicyRules(false).check(new PolicyRequest("clicks", List.of(first("sms"),
            new PolicyRequest.Step("email", null, List.of(notClicked(1, 5)))))), "needs click tracking");
    }
}
