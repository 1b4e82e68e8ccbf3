package org.cmppgw.simulator.ismg;

import org.cmppgw.cmpp.pdu.StatusReport;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Status report behaviour ({@code ismg.reports}): when reports come and what they say (docs/cmpp-protocol.md §10.1).
 *
 * @param delay the delay after the SUBMIT, default fixed 500 ms
 * @param stats Stat values with integer weights, e.g. {@code {DELIVRD: 95, UNDELIV: 3, EXPIRED: 1, "MK:0001": 1}};
 *              default {@code {DELIVRD: 1}}. Any value of up to 7 single-byte characters is allowed, so vendor codes
 *              outside the spec can be simulated too.
 */
public record ReportConfig(ReportDelay delay, Map<String, Integer> stats) {
    private static final String PATH = "ismg.reports.stats";

    public ReportConfig {
        delay = ConfigChecks.orDefault(delay, ReportDelay.fixed(ReportDelay.DEFAULT_MILLIS));
        stats = stats(stats);
    }

    public static ReportConfig defaults() {
        return new ReportConfig(null, null);
    }

    private static Map<String, Integer> stats(Map<String, Integer> stats) {
        if (stats == null) {
            return Map.of(StatusReport.DELIVERED, 1);
        }
        long total = 0;
        // Insertion order is kept so a seeded Random gives the same sequence on every run.
        Map<String, Integer> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : stats.entrySet()) {
            String stat = e.getKey();
            if (stat == null || stat.isEmpty() || stat.length() > StatusReport.STAT_LENGTH
                || !stat.chars().allMatch(c -> c > 0 && c < 0x80)) {
                throw ConfigChecks.invalid(PATH, stat, "a Stat of 1..7 ASCII characters");
            }
            Integer weight = e.getValue();
            if (weight == null || weight < 0) {
                throw ConfigChecks.invalid(PATH + "." + stat, weight, "a weight >= 0");
            }
            total += weight;
            copy.put(stat, weight);
        }
        if (total <= 0 || total > Integer.MAX_VALUE) {
            throw ConfigChecks.invalid(PATH, stats, "weights that add up to 1.." + Integer.MAX_VALUE);
        }
        return Collections.unmodifiableMap(copy);
    }
}
