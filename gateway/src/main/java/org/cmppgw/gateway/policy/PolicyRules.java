package org.cmppgw.gateway.policy;

import org.cmppgw.gateway.intake.ApiError;
import org.cmppgw.gateway.intake.Outcome;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a send policy must look like (docs/api.md "Send policies", after the console's "Send policy"): at least 2
 * steps, each channel at most once, no condition on the first step, and from step 2 on one or more conditions on
 * earlier steps joined by {@code and} or {@code or}. Every refusal is a 50007 whose message names the field.
 */
public final class PolicyRules {
    public static final int MAX_NAME = 64;
    /** Conditions per step. */
    public static final int MAX_CONDITIONS = 10;
    /** Longest wait in minutes: a day. */
    public static final int MAX_MINUTES = 1440;
    public static final int MAX_SECONDS = MAX_MINUTES * 60;

    private final boolean clicksTracked;

    /** @param clicksTracked whether click tracking is on; {@code not_clicked} is refused when it is not */
    public PolicyRules(boolean clicksTracked) {
        this.clicksTracked = clicksTracked;
    }

    public Outcome<SendPolicy> check(PolicyRequest request) {
        if (request == null || request.name() == null || request.name().isBlank()
            || request.name().length() > MAX_NAME || request.name().indexOf('\n') >= 0) {
            return Outcome.fail(ApiError.INVALID_BODY, "name: 1.." + MAX_NAME + " characters on one line");
        }
        List<PolicyRequest.Step> given = request.steps();
        int channels = SendPolicy.Channel.values().length;
        if (given == null || given.size() < 2 || given.size() > channels) {
            return Outcome.fail(ApiError.INVALID_BODY, "steps: " + (given == null ? 0 : given.size())
                + " steps (expected: 2.." + channels + ", each channel once)");
        }
        Set<SendPolicy.Channel> used = EnumSet.noneOf(SendPolicy.Channel.class);
        List<SendPolicy.Step> steps = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            Outcome<SendPolicy.Step> step = step(i + 1, given.get(i));
            if (!step.isOk()) {
                return step.failure();
            }
            if (!used.add(step.value().channel())) {
                return Outcome.fail(ApiError.INVALID_BODY, "steps[" + i + "].channel: "
                    + given.get(i).channel() + " is already used by an earlier step");
            }
            steps.add(step.value());
        }
        return Outcome.ok(new SendPolicy(request.name(), steps));
    }

    private Outcome<SendPolicy.Step> step(int number, PolicyRequest.Step step) {
        String field = "steps[" + (number - 1) + "]";
        if (step == null) {
            return Outcome.fail(ApiError.INVALID_BODY, field + " must be an object");
        }
        SendPolicy.Channel channel = parse(SendPolicy.Channel.class, step.channel());
        if (channel == null) {
            return Outcome.fail(ApiError.INVALID_BODY, field + ".channel: " + step.channel()
                + " (expected: sms or email)");
        }
        List<PolicyRequest.Condition> given = step.conditions() == null ? List.of() : step.conditions();
        if (number == 1) {
            return given.isEmpty() && step.relation() == null
                ? Outcome.ok(new SendPolicy.Step(channel, SendPolicy.Relation.AND, List.of()))
                : Outcome.fail(ApiError.INVALID_BODY, field + ": the first step runs at once and has no conditions");
        }
        if (given.isEmpty() || given.size() > MAX_CONDITIONS) {
            return Outcome.fail(ApiError.INVALID_BODY, field + ".conditions: 1.." + MAX_CONDITIONS
                + " conditions on earlier steps");
        }
        SendPolicy.Relation relation = step.relation() == null && given.size() == 1 ? SendPolicy.Relation.AND
            : parse(SendPolicy.Relation.class, step.relation());
        if (relation == null) {
            return Outcome.fail(ApiError.INVALID_BODY, field + ".relation: " + step.relation()
                + " (expected: and or or)");
        }
        List<SendPolicy.Condition> conditions = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            Outcome<SendPolicy.Condition> condition = condition(field + ".conditions[" + i + "]", number, given.get(i));
            if (!condition.isOk()) {
                return condition.failure();
            }
            conditions.add(condition.value());
        }
        return Outcome.ok(new SendPolicy.Step(channel, relation, conditions));
    }

    private Outcome<SendPolicy.Condition> condition(String field, int stepNumber, PolicyRequest.Condition c) {
        if (c == null) {
            return Outcome.fail(ApiError.INVALID_BODY, field + " must be an object");
        }
        if (c.step() == null || c.step() < 1 || c.step() >= stepNumber) {
            return Outcome.fail(ApiError.INVALID_BODY, field + ".step: " + c.step() + " (expected: an earlier step, 1.."
                + (stepNumber - 1) + ")");
        }
        SendPolicy.Event event = parse(SendPolicy.Event.class, c.event());
        if (event == null) {
            return Outcome.fail(ApiError.INVALID_BODY, field + ".event: " + c.event()
                + " (expected: not_delivered or not_clicked)");
        }
        if (event == SendPolicy.Event.NOT_CLICKED && !clicksTracked) {
            return Outcome.fail(ApiError.INVALID_BODY, field + ".event: not_clicked needs click tracking"
                + " (tracking.publicBaseUrl)");
        }
        if ((c.withinMinutes() == null) == (c.withinSeconds() == null)) {
            return Outcome.fail(ApiError.INVALID_BODY, field + ": exactly one of within_minutes and within_seconds");
        }
        Duration within = c.withinMinutes() != null ? Duration.ofMinutes(c.withinMinutes())
            : Duration.ofSeconds(c.withinSeconds());
        if (within.isNegative() || within.isZero() || within.compareTo(Duration.ofMinutes(MAX_MINUTES)) > 0) {
            return Outcome.fail(ApiError.INVALID_BODY, field + ": within_minutes 1.." + MAX_MINUTES
                + " or within_seconds 1.." + MAX_SECONDS);
        }
        return Outcome.ok(new SendPolicy.Condition(c.step(), event, within));
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
