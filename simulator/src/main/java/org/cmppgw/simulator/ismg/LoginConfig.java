package org.cmppgw.simulator.ismg;

import org.cmppgw.cmpp.session.server.TimestampCheck;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;

/**
 * The {@code ismg.login:} section: how the CONNECT Timestamp is judged (docs/cmpp-protocol.md §5.2). The spec names no
 * zone; carriers read it as Beijing time, so an SP writing its local time on a UTC machine is eight hours off. This
 * section lets the simulator read another zone, widen the tolerance, or only warn.
 *
 * @param timestampZone            zone the Timestamp (MMDDHHMMSS) is read in, default {@code Asia/Shanghai}
 * @param timestampToleranceMillis how far it may be from the ISMG's clock, default 900000 (15 min), at most 24 h
 * @param timestampCheck           {@code enforce} (default: Status 3 when outside), {@code warn} (log and accept) or
 *                                 {@code off} (not checked)
 */
public record LoginConfig(String timestampZone, Long timestampToleranceMillis, String timestampCheck) {
    public static final String DEFAULT_ZONE = "Asia/Shanghai";
    public static final long DEFAULT_TOLERANCE_MILLIS = 900_000;
    private static final long MAX_TOLERANCE_MILLIS = 86_400_000;
    private static final String PATH = "ismg.login.";

    public LoginConfig {
        timestampZone = ConfigChecks.orDefault(timestampZone, DEFAULT_ZONE).trim();
        parseZone(timestampZone);
        timestampToleranceMillis = ConfigChecks.range(PATH + "timestampToleranceMillis", timestampToleranceMillis,
            DEFAULT_TOLERANCE_MILLIS, 0, MAX_TOLERANCE_MILLIS);
        timestampCheck = parseCheck(ConfigChecks.orDefault(timestampCheck, TimestampCheck.ENFORCE.label())).label();
    }

    /** Beijing time within ±15 min, enforced: what a carrier does. */
    public static LoginConfig defaults() {
        return new LoginConfig(null, null, null);
    }

    /** {@link #timestampZone()} as a zone. */
    public ZoneId zone() {
        return parseZone(timestampZone);
    }

    public Duration tolerance() {
        return Duration.ofMillis(timestampToleranceMillis);
    }

    public TimestampCheck check() {
        return parseCheck(timestampCheck);
    }

    private static ZoneId parseZone(String text) {
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw ConfigChecks.invalid(PATH + "timestampZone", "\"" + text + "\"",
                "a zone ID such as Asia/Shanghai, UTC or +08:00");
        }
    }

    private static TimestampCheck parseCheck(String text) {
        try {
            return TimestampCheck.parse(text);
        } catch (IllegalArgumentException e) {
            throw ConfigChecks.invalid(PATH + "timestampCheck", "\"" + text + "\"", "enforce, warn or off");
        }
    }
}
