package org.cmppgw.gateway.policy;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A checked send policy (docs/api.md "Send policies"): 2 or more steps, each channel once, each later step with the
 * conditions on earlier steps that make it run.
 *
 * @param name  a name for people
 * @param steps the steps, in the order they run
 */
public record SendPolicy(String name, List<Step> steps) {
    /** The channels a step may use. */
    public enum Channel {
        SMS, EMAIL
    }

    /** What a condition watches for on an earlier step. */
    public enum Event {
        /** The earlier step's message was not delivered within the time. */
        NOT_DELIVERED,
        /** No link of the earlier step's message was clicked within the time. */
        NOT_CLICKED
    }

    /** How a step's conditions join, as the seed's examples describe. */
    public enum Relation {
        /** The step runs only when every condition holds. */
        AND,
        /** The step runs when any condition holds. */
        OR
    }

    public SendPolicy {
        Objects.requireNonNull(name, "name");
        steps = List.copyOf(steps);
        if (steps.size() < 2) {
            throw new IllegalArgumentException("steps: " + steps.size() + " (expected: at least 2)");
        }
    }

    /**
     * One step.
     *
     * @param channel    the channel it sends on
     * @param relation   how its conditions join
     * @param conditions empty on the first step only
     */
    public record Step(Channel channel, Relation relation, List<Condition> conditions) {
        public Step {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(relation, "relation");
            conditions = List.copyOf(conditions);
        }

        /** How long after the earlier steps' sends this step is decided: its longest condition. */
        public Duration decidedAfter() {
            return conditions.stream().map(Condition::within).max(Duration::compareTo).orElse(Duration.ZERO);
        }
    }

    /**
     * A condition on an earlier step.
     *
     * @param step   the earlier step's number, 1-based
     * @param event  what it watches for
     * @param within how long after the earlier step's send
     */
    public record Condition(int step, Event event, Duration within) {
        public Condition {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(within, "within");
        }
    }
}
