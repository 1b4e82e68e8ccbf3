package org.cmppgw.gateway.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code apps[].callbacks}: whether the gateway calls this app back, for which types, and what happens when one of
 * its URLs fails the {@code echostr} check at start (docs/api.md "Callback settings"). A type that is not called
 * back is kept for {@code GET /v1/report} / {@code GET /v1/reply} instead; while a type is called back, pulling it
 * is refused (JSMS 50202).
 *
 * @param enabled  false: no callbacks at all, the app pulls its reports and replies
 * @param types    the types called back while enabled: {@code SMS_REPORT}, {@code SMS_REPLY}, {@code SMS_TEMPLATE},
 *                 {@code SMS_SIGN}; each once
 * @param urlCheck what a failing {@code echostr} check of one of the app's URLs at start does
 */
public record AppCallbacks(boolean enabled, List<String> types, UrlCheck urlCheck) {
    /** The JSMS callback types, as the {@code type} field of a callback names them. */
    public static final List<String> TYPES = List.of("SMS_REPORT", "SMS_REPLY", "SMS_TEMPLATE", "SMS_SIGN");
    /** Every type called back, URLs checked with a warning: the defaults. */
    public static final AppCallbacks ALL = new AppCallbacks(true, TYPES, UrlCheck.WARN);

    /** The {@code echostr} check of the app's callback URLs at start (docs/api.md "URL verification"). */
    public enum UrlCheck {
        /** Not checked. */
        OFF,
        /** Checked; a failing URL is logged (one WARN line per URL) and still called back, with retries. */
        WARN,
        /** Checked; a failing URL stops the gateway from starting. */
        REQUIRE
    }

    public AppCallbacks {
        types = ConfigChecks.list("types", types);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < types.size(); i++) {
            if (!TYPES.contains(types.get(i)) || !seen.add(types.get(i))) {
                throw new IllegalArgumentException("types[" + i + "]: \"" + types.get(i) + "\" (expected: each of "
                    + String.join(", ", TYPES) + " at most once)");
            }
        }
        ConfigChecks.present("urlCheck", urlCheck, "off, warn or require");
    }

    /** Whether callbacks of {@code type} (a name of {@link #TYPES}) go to the app. */
    public boolean calls(String type) {
        return enabled && types.contains(type);
    }

    /** Whether the app's URLs are checked at start: only when something is called back and the check is on. */
    public boolean checksUrls() {
        return enabled && !types.isEmpty() && urlCheck != UrlCheck.OFF;
    }
}
