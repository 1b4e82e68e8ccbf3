package org.cmppgw.gateway.config;

import java.time.Duration;

/**
 * The {@code console} section: the operator's web console under {@code /console/} on the management listener
 * (docs/operations.md "Console"). Operators log in with their {@code operators} credentials; failed logins count
 * against {@code server.authFailureLimit} like the operator API's.
 *
 * @param enabled        serve the console; off by default (the production example keeps it off)
 * @param sessionTimeout a session unused this long is logged out (1m..24h)
 */
public record ConsoleConfig(boolean enabled, Duration sessionTimeout) {
    public ConsoleConfig {
        ConfigChecks.positive("sessionTimeout", sessionTimeout);
        if (sessionTimeout.compareTo(Duration.ofMinutes(1)) < 0 || sessionTimeout.compareTo(Duration.ofHours(24)) > 0) {
            throw new IllegalArgumentException("sessionTimeout: " + sessionTimeout + " (expected: 1m..24h)");
        }
    }

    /** The built-in default: no console. */
    public static ConsoleConfig off() {
        return new ConsoleConfig(false, Duration.ofMinutes(30));
    }
}
