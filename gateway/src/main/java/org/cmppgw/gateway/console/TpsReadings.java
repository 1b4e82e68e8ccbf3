package org.cmppgw.gateway.console;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The channels page's actual TPS: SUBMITs per second between two refreshes, from the submit counter the providers
 * already keep (so nothing is counted per message for it). The first reading of a provider has nothing to compare
 * with and shows "—".
 */
final class TpsReadings {
    static final String NONE = "\u2014";

    private record Reading(long submits, long nanos) {
    }

    private final Map<String, Reading> previous = new ConcurrentHashMap<>();

    /**
     * @param provider the provider's name
     * @param submits  its submit count now
     * @param nanos    the console's monotonic clock now, in nanoseconds
     * @return SUBMITs per second since the previous call for {@code provider}, one decimal, or "—" on the first
     */
    String actual(String provider, long submits, long nanos) {
        Reading before = previous.put(provider, new Reading(submits, nanos));
        if (before == null || nanos <= before.nanos() || submits < before.submits()) {
            return NONE;
        }
        double perSecond = (submits - before.submits()) * 1e9 / (nanos - before.nanos());
        return String.format(Locale.ROOT, "%.1f", perSecond);
    }
}
