package org.cmppgw.gateway.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The body of {@code POST /v1/policies} as sent (docs/api.md "Send policies"), also the form a policy is stored and
 * shown in; every field may be absent, {@link PolicyRules} decides what that means.
 *
 * @param name  a name for people, 1..64 characters
 * @param steps 2 or more steps, in the order they run
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PolicyRequest(@JsonProperty("name") String name, @JsonProperty("steps") List<Step> steps) {
    /**
     * One step.
     *
     * @param channel    {@code sms} or {@code email}, each at most once per policy
     * @param relation   {@code and} or {@code or}: how the conditions join; required with more than one condition
     * @param conditions none on the first step, at least one on every later step
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Step(@JsonProperty("channel") String channel, @JsonProperty("relation") String relation,
                       @JsonProperty("conditions") List<Condition> conditions) {
    }

    /**
     * A condition on an earlier step.
     *
     * @param step          the earlier step's number, 1-based
     * @param event         {@code not_delivered} or {@code not_clicked}
     * @param withinMinutes how long after the earlier step's send, 1..1440
     * @param withinSeconds this gateway's extension in place of {@code within_minutes}, 1..86400: for tests and
     *                      short-lived messages
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Condition(@JsonProperty("step") Integer step, @JsonProperty("event") String event,
                            @JsonProperty("within_minutes") Integer withinMinutes,
                            @JsonProperty("within_seconds") Integer withinSeconds) {
    }
}
