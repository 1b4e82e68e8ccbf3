package org.cmppgw.gateway.config;

import java.time.Duration;

/**
 * What a provider's connections do on SUBMIT_RESP Result 8, "flow control: too fast" (docs/cmpp-protocol.md §11.2,
 * §12.2): the connection pauses for a jittered time between {@code pauseMin} and {@code pauseMax}, then the same part
 * is sent again, up to {@code maxTries} sends answered with Result 8 before the message fails.
 *
 * @param maxTries sends of one part answered with Result 8 before it fails (SMSGate: 30)
 * @param pauseMin shortest pause of a connection after a Result 8
 * @param pauseMax longest pause
 */
public record FlowControlConfig(int maxTries, Duration pauseMin, Duration pauseMax) {
    public FlowControlConfig {
        ConfigChecks.range("maxTries", maxTries, 1, 1000);
        ConfigChecks.positive("pauseMin", pauseMin);
        ConfigChecks.positive("pauseMax", pauseMax);
        if (pauseMax.compareTo(pauseMin) < 0) {
            throw new IllegalArgumentException("pauseMax: " + Durations.format(pauseMax)
                + " (expected: >= pauseMin " + Durations.format(pauseMin) + ")");
        }
    }

    /** 30 tries, 50–200 ms apart: the built-in defaults. */
    public static FlowControlConfig defaults() {
        return new FlowControlConfig(30, Duration.ofMillis(50), Duration.ofMillis(200));
    }
}
