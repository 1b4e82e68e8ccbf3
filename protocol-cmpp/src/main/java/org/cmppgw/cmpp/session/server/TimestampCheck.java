package org.cmppgw.cmpp.session.server;

import java.util.Locale;

/**
 * What a {@link CmppServer} does with a CONNECT whose Timestamp is further from its own clock than the tolerance
 * (docs/cmpp-protocol.md §5.2): the spec names no zone, so an SP writing its local time on a UTC machine is eight hours
 * off Beijing time without being a replay.
 */
public enum TimestampCheck {
    /** Refuse with Status 3 (the replay guard). */
    ENFORCE,
    /** Log what was compared (throttled) and go on to check the AuthenticatorSource. */
    WARN,
    /** Do not look at the Timestamp beyond the AuthenticatorSource it is hashed into. */
    OFF;

    /** Reads {@code enforce}, {@code warn} or {@code off}, in any case. */
    public static TimestampCheck parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("timestampCheck: null (expected: enforce, warn or off)");
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "enforce" -> ENFORCE;
            case "warn" -> WARN;
            case "off" -> OFF;
            default -> throw new IllegalArgumentException("timestampCheck: \"" + text
                + "\" (expected: enforce, warn or off)");
        };
    }

    /** The lower-case form the configuration files use. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
