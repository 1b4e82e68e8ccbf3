package org.cmppgw.gateway.stats;

/**
 * The fixed buckets of the submit-to-report latency histogram (columns {@code lat_0 .. lat_11} of V22): a message
 * falls in the first bucket whose upper bound is at least its latency. Fixed bounds let hours, apps and nodes be
 * summed bucket by bucket; a percentile read from them is the bound of the bucket it falls in, an upper bound of the
 * true value (docs/operations.md "Statistics").
 */
public final class LatencyBuckets {
    /** Upper bounds in milliseconds; the last bucket has none. */
    private static final long[] BOUNDS = {1_000, 2_000, 5_000, 10_000, 30_000, 60_000, 120_000, 300_000, 600_000,
        1_800_000, 3_600_000};
    private static final String[] LABELS = {"≤1s", "≤2s", "≤5s", "≤10s", "≤30s", "≤1m", "≤2m", "≤5m", "≤10m",
        "≤30m", "≤1h", ">1h"};
    /** How many buckets there are. */
    public static final int COUNT = BOUNDS.length + 1;

    private LatencyBuckets() {
    }

    /** The bucket of a latency in milliseconds (a negative one, from clocks of two nodes, counts as zero). */
    public static int of(long latencyMillis) {
        for (int i = 0; i < BOUNDS.length; i++) {
            if (latencyMillis <= BOUNDS[i]) {
                return i;
            }
        }
        return BOUNDS.length;
    }

    /** The label of bucket {@code i}, e.g. {@code ≤5s}. */
    public static String label(int i) {
        return LABELS[i];
    }

    /**
     * The bucket that holds quantile {@code q} of a histogram, or -1 when it is empty.
     *
     * @param counts messages per bucket, {@link #COUNT} of them
     * @param q      0 &lt; q &le; 1, e.g. 0.9 for p90
     */
    public static int quantile(long[] counts, double q) {
        if (counts.length != COUNT) {
            throw new IllegalArgumentException("counts: " + counts.length + " buckets (expected: " + COUNT + ")");
        }
        if (!(q > 0 && q <= 1)) {
            throw new IllegalArgumentException("q: " + q + " (expected: 0 < q <= 1)");
        }
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        if (total == 0) {
            return -1;
        }
        // The rank of the quantile: the smallest count of messages at or below it that reaches q of them.
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < COUNT; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return i;
            }
        }
        return COUNT - 1;
    }

    /** The label of the bucket holding quantile {@code q}, or an empty string when there is no report yet. */
    public static String quantileLabel(long[] counts, double q) {
        int i = quantile(counts, q);
        return i < 0 ? "" : LABELS[i];
    }
}
