package org.cmppgw.gateway.config;

import java.time.Duration;

/**
 * Circuit-breaker knobs (resilience4j count-based sliding window): stop hammering a provider or callback endpoint
 * that keeps failing (docs/design.md §3).
 *
 * @param failureRateThreshold percentage of failed calls in the window that opens the breaker
 * @param slidingWindowSize    calls the failure rate is computed over
 * @param minimumCalls         calls needed before the rate counts
 * @param openDuration         how long the breaker stays open before probing
 * @param halfOpenCalls        probe calls allowed while half-open
 */
public record CircuitBreakerConfig(int failureRateThreshold, int slidingWindowSize, int minimumCalls,
                                   Duration openDuration, int halfOpenCalls) {
    public CircuitBreakerConfig {
        ConfigChecks.range("failureRateThreshold", failureRateThreshold, 1, 100);
        ConfigChecks.range("slidingWindowSize", slidingWindowSize, 1, 100_000);
        ConfigChecks.range("minimumCalls", minimumCalls, 1, 100_000);
        ConfigChecks.positive("openDuration", openDuration);
        ConfigChecks.range("halfOpenCalls", halfOpenCalls, 1, 1000);
    }
}
