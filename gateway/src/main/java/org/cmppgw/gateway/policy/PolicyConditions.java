package org.cmppgw.gateway.policy;

import org.cmppgw.gateway.clicks.ClickHistory;
import org.cmppgw.gateway.model.Channel;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a step of a policy run runs (docs/api.md "Send policies", after the console's "Send policy"): each
 * condition watches an earlier step's message for N after it was sent - "not delivered" holds when no delivery came
 * by then (SMS: a DELIVRD report; email: the receiving server accepted it), "not clicked" when the click tracker saw no
 * click by then. {@code and}: the step runs only when every condition holds; {@code or}: when any does. A condition on
 * an earlier step that sent nothing (skipped) holds at once: nothing of it can be delivered or clicked.
 *
 * <p>Everything is read when the timer is due, never on the send path: a plain message pays nothing for policies.
 */
public final class PolicyConditions {
    /** When a message was delivered, read from the store when a step is decided. */
    @FunctionalInterface
    public interface Deliveries {
        /**
         * @param channel   the message's channel
         * @param messageId its msg_id or email_id
         * @return when it was delivered; empty when it was not (yet), failed, or is unknown
         */
        Optional<Instant> delivered(Channel channel, long messageId);
    }

    /**
     * A step's decision.
     *
     * @param runs  whether the step runs
     * @param unmet when it does not: the condition that did not hold and so says what met the goal
     */
    public record Verdict(boolean runs, SendPolicy.Condition unmet) {
    }

    private final Deliveries deliveries;
    private final ClickHistory clicks;

    /** @param clicks the click tracker, or null when clicks are not tracked (no policy can have not_clicked then) */
    public PolicyConditions(Deliveries deliveries, ClickHistory clicks) {
        this.deliveries = deliveries;
        this.clicks = clicks;
    }

    /**
     * When {@code step} can be decided: its longest wait after the send of the step each condition refers to
     * ({@link SendPolicy.Step#decidedAfter}, per condition); at once for a condition on a step that sent nothing.
     *
     * @param decided the run's decided steps, at least those the conditions refer to, in order
     */
    public static long dueAt(SendPolicy.Step step, List<RunStep> decided) {
        long due = Long.MIN_VALUE;
        for (SendPolicy.Condition c : step.conditions()) {
            RunStep earlier = decided.get(c.step() - 1);
            long at = earlier.sent() ? earlier.decidedAtMillis() + c.within().toMillis() : earlier.decidedAtMillis();
            due = Math.max(due, at);
        }
        return due;
    }

    /** Whether {@code step} runs, given the run's earlier steps; call it at {@link #dueAt} or later. */
    public Verdict decide(SendPolicy.Step step, List<RunStep> decided) {
        SendPolicy.Condition firstUnmet = null;
        boolean any = false;
        for (SendPolicy.Condition c : step.conditions()) {
            if (holds(c, decided.get(c.step() - 1))) {
                any = true;
            } else if (firstUnmet == null) {
                firstUnmet = c;
            }
        }
        boolean runs = step.relation() == SendPolicy.Relation.AND ? firstUnmet == null : any;
        return new Verdict(runs, runs ? null : firstUnmet);
    }

    private boolean holds(SendPolicy.Condition condition, RunStep earlier) {
        if (!earlier.sent()) {
            return true;
        }
        long deadline = earlier.decidedAtMillis() + condition.within().toMillis();
        Channel channel = Channel.valueOf(earlier.channel().name());
        Optional<Instant> happened = switch (condition.event()) {
            case NOT_DELIVERED -> deliveries.delivered(channel, earlier.messageId());
            case NOT_CLICKED -> clicks == null ? Optional.empty() : clicks.firstClick(channel, earlier.messageId());
        };
        return happened.map(at -> at.toEpochMilli() > deadline).orElse(true);
    }

    /** Whether the message of {@code step} was delivered or clicked by now: how a run's final outcome is read. */
    public PolicyRun.State reached(RunStep step) {
        Channel channel = Channel.valueOf(step.channel().name());
        if (deliveries.delivered(channel, step.messageId()).isPresent()) {
            return PolicyRun.State.DELIVERED;
        }
        if (clicks != null && clicks.firstClick(channel, step.messageId()).isPresent()) {
            return PolicyRun.State.CLICKED;
        }
        return null;
    }
}
