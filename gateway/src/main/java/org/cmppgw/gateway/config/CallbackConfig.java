package org.cmppgw.gateway.config;

import java.time.Duration;
import java.util.List;

/**
 * The {@code callbacks} section: how statuses are posted back to apps (docs/design.md §3, durable outbox).
 *
 * @param retrySchedule            waits before each retry of a failed callback (JSMS: 3m, 1h, 12h); then give up
 * @param connectTimeout           TCP connect to the app
 * @param requestTimeout           whole request, connect to last byte of the answer
 * @param maxConcurrentPerEndpoint requests in flight to one callback URL
 * @param pipelineDepth            requests one keep-alive connection carries at once (HTTP/1.1 pipelining); 1: off
 * @param trustedCertificates      a PEM file of the CA certificates https callback URLs may present; "": the JVM's
 * @param circuitBreaker           per endpoint: stop calling one that keeps failing
 */
public record CallbackConfig(List<Duration> retrySchedule, Duration connectTimeout, Duration requestTimeout,
                             int maxConcurrentPerEndpoint, int pipelineDepth, String trustedCertificates,
                             CircuitBreakerConfig circuitBreaker) {
    public CallbackConfig {
        retrySchedule = ConfigChecks.list("retrySchedule", retrySchedule);
        for (int i = 0; i < retrySchedule.size(); i++) {
            ConfigChecks.positive("retrySchedule[" + i + "]", retrySchedule.get(i));
        }
        ConfigChecks.positive("connectTimeout", connectTimeout);
        ConfigChecks.positive("requestTimeout", requestTimeout);
        ConfigChecks.range("maxConcurrentPerEndpoint", maxConcurrentPerEndpoint, 1, 1024);
        ConfigChecks.range("pipelineDepth", pipelineDepth, 1, 64);
        trustedCertificates = ConfigChecks.optionalText(trustedCertificates);
        ConfigChecks.present("circuitBreaker", circuitBreaker, "circuit-breaker settings");
    }
}
