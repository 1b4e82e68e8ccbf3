package org.cmppgw.simulator.fakejsms;

import org.cmppgw.simulator.config.ConfigSections;

import java.util.Map;

import static org.cmppgw.cmpp.ArgumentChecks.range;

/**
 * How the {@link FakeJsmsServer} behaves.
 *
 * @param host                     bind address
 * @param port                     bind port; 0 = any free port
 * @param appKey                   the one app it knows (Basic auth user)
 * @param masterSecret             that app's master secret (Basic auth password, callback signature key)
 * @param callbackUrl              where reports go when a request names no {@code callback_url}; empty = nowhere
 * @param callbackDelayMillis      accept → SMS_REPORT delay
 * @param callbackConnections      keep-alive connections per callback host
 * @param callbackRetries          further attempts after a callback is not answered with 200
 * @param callbackRetryDelayMillis pause before each further attempt
 * @param dropPercent              percent of accepted messages that never get a report (fault knob)
 * @param duplicatePercent         percent of reports sent twice (fault knob)
 * @param badSignaturePercent      percent of reports signed with a wrong secret (fault knob)
 */
public record FakeJsmsConfig(String host, int port, String appKey, String masterSecret, String callbackUrl,
                             long callbackDelayMillis, int callbackConnections, int callbackRetries,
                             long callbackRetryDelayMillis, double dropPercent, double duplicatePercent,
                             double badSignaturePercent) {
    public FakeJsmsConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host: " + host + " (expected: an address to bind)");
        }
        range("port", port, 0, 65535);
        if (appKey == null || appKey.isEmpty() || masterSecret == null || masterSecret.isEmpty()) {
            throw new IllegalArgumentException("appKey/masterSecret: empty (expected: the app's credentials)");
        }
        callbackUrl = callbackUrl == null ? "" : callbackUrl;
        range("callbackDelayMillis", callbackDelayMillis, 0, 3_600_000);
        range("callbackConnections", callbackConnections, 1, 1000);
        range("callbackRetries", callbackRetries, 0, 100);
        range("callbackRetryDelayMillis", callbackRetryDelayMillis, 0, 3_600_000);
        percent("dropPercent", dropPercent);
        percent("duplicatePercent", duplicatePercent);
        percent("badSignaturePercent", badSignaturePercent);
    }

    /**
     * App {@code demo-app-key}/{@code demo-master-secret} (the gateway's demo app) on 127.0.0.1, any port, reports
     * after 100 ms over 8 connections.
     */
    public static FakeJsmsConfig defaults() {
        return new FakeJsmsConfig("127.0.0.1", 0, "demo-app-key", "demo-master-secret", "", 100, 8, 5, 200, 0, 0, 0);
    }

    /** A copy with {@code changes} applied (keys are component names). */
    public FakeJsmsConfig with(Map<String, ?> changes) {
        return ConfigSections.merge(this, changes);
    }

    @Override
    public String toString() {
        return "FakeJsmsConfig[host=" + host + ", port=" + port + ", appKey=" + appKey + ", masterSecret=****, "
            + "callbackUrl=" + callbackUrl + ", callbackDelayMillis=" + callbackDelayMillis + ", dropPercent="
            + dropPercent + ", duplicatePercent=" + duplicatePercent + ", badSignaturePercent="
            + badSignaturePercent + "]";
    }

    private static void percent(String name, double value) {
        if (!(value >= 0 && value <= 100)) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: 0..100)");
        }
    }
}
