package org.cmppgw.simulator.ismg;

import com.fasterxml.jackson.annotation.JsonCreator;

import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * How long after a SUBMIT its status report comes ({@code ismg.reports.delay}). Real carriers answer in seconds,
 * with a long tail; the distributions let a load test show both.
 *
 * <ul>
 *   <li>{@code fixed}: always {@code millis} (default 500 ms);</li>
 *   <li>{@code uniform}: evenly in {@code minMillis..maxMillis};</li>
 *   <li>{@code exponential}: mean {@code meanMillis}, capped at {@code maxMillis} (default 10 × the mean).</li>
 * </ul>
 *
 * @param distribution fixed (default), uniform or exponential
 * @param millis       the fixed delay
 * @param minMillis    uniform lower bound, default 0
 * @param maxMillis    uniform upper bound (required), or the exponential cap
 * @param meanMillis   exponential mean (required)
 */
public record ReportDelay(Distribution distribution, Long millis, Long minMillis, Long maxMillis, Long meanMillis) {
    public static final long DEFAULT_MILLIS = 500;
    /** The spec's default wait for a report is 48 hours (docs/cmpp-protocol.md §10.2); nothing longer makes sense. */
    public static final long MAX_MILLIS = 48L * 3600 * 1000;
    private static final String PATH = "ismg.reports.delay.";

    public ReportDelay {
        distribution = ConfigChecks.orDefault(distribution, Distribution.FIXED);
        switch (distribution) {
            case FIXED -> millis = ConfigChecks.range(PATH + "millis", millis, DEFAULT_MILLIS, 0, MAX_MILLIS);
            case UNIFORM -> {
                minMillis = ConfigChecks.range(PATH + "minMillis", minMillis, 0L, 0, MAX_MILLIS);
                if (maxMillis == null) {
                    throw ConfigChecks.invalid(PATH + "maxMillis", null, "the upper bound of a uniform delay");
                }
                maxMillis = ConfigChecks.range(PATH + "maxMillis", maxMillis, 0L, minMillis, MAX_MILLIS);
            }
            case EXPONENTIAL -> {
                if (meanMillis == null) {
                    throw ConfigChecks.invalid(PATH + "meanMillis", null, "the mean of an exponential delay");
                }
                meanMillis = ConfigChecks.range(PATH + "meanMillis", meanMillis, 0L, 1, MAX_MILLIS);
                maxMillis = ConfigChecks.range(PATH + "maxMillis", maxMillis, Math.min(MAX_MILLIS, 10 * meanMillis),
                    meanMillis, MAX_MILLIS);
            }
            default -> throw new IllegalStateException("unreachable: " + distribution);
        }
    }

    /** A fixed delay. */
    public static ReportDelay fixed(long millis) {
        return new ReportDelay(Distribution.FIXED, millis, null, null, null);
    }

    /** Evenly spread in {@code min..max} milliseconds. */
    public static ReportDelay uniform(long minMillis, long maxMillis) {
        return new ReportDelay(Distribution.UNIFORM, null, minMillis, maxMillis, null);
    }

    /** Exponential with {@code meanMillis}, never above {@code capMillis}. */
    public static ReportDelay exponential(long meanMillis, long capMillis) {
        return new ReportDelay(Distribution.EXPONENTIAL, null, null, capMillis, meanMillis);
    }

    /** One delay drawn from the distribution. */
    public long sampleMillis(RandomGenerator random) {
        return switch (distribution) {
            case FIXED -> millis;
            case UNIFORM -> minMillis + random.nextLong(maxMillis - minMillis + 1);
            // Inverse transform: 1 - u is in (0, 1], so the log is finite.
            case EXPONENTIAL -> Math.min(maxMillis, Math.round(-meanMillis * Math.log(1.0 - random.nextDouble())));
        };
    }

    /** The shapes a report delay can take. Written in YAML in any case ({@code fixed}, {@code UNIFORM}, …). */
    public enum Distribution {
        FIXED,
        UNIFORM,
        EXPONENTIAL;

        @JsonCreator
        public static Distribution of(String text) {
            return switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "fixed" -> FIXED;
                case "uniform" -> UNIFORM;
                case "exponential" -> EXPONENTIAL;
                default -> throw ConfigChecks.invalid(PATH + "distribution", text, "fixed, uniform or exponential");
            };
        }
    }
}
