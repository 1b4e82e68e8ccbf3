package org.cmppgw.simulator.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.util.ArrayList;
import java.util.List;

/**
 * Percentiles of one latency distribution, in milliseconds, plus the distribution itself for plotting.
 *
 * @param count        how many values were recorded
 * @param meanMs       the mean
 * @param p50Ms        the median
 * @param p90Ms        90th percentile
 * @param p99Ms        99th percentile
 * @param p999Ms       99.9th percentile
 * @param maxMs        the largest value
 * @param distribution (percentile, value) points from 0 to 100 percent, HdrHistogram's percentile iteration
 */
public record LatencySummary(long count, double meanMs, double p50Ms, double p90Ms, double p99Ms, double p999Ms,
                             double maxMs, List<Point> distribution) {
    private static final double MICROS_PER_MS = 1000.0;
    private static final int TICKS_PER_HALF_DISTANCE = 5;

    public LatencySummary {
        distribution = distribution == null ? List.of() : List.copyOf(distribution);
    }

    /**
     * One point of the distribution.
     *
     * @param percentile 0..100
     * @param valueMs    the latency at that percentile
     */
    public record Point(double percentile, double valueMs) {
    }

    /** Summarises a histogram recorded in microseconds. */
    static LatencySummary of(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return new LatencySummary(0, 0, 0, 0, 0, 0, 0, List.of());
        }
        List<Point> points = new ArrayList<>();
        for (HistogramIterationValue v : micros.percentiles(TICKS_PER_HALF_DISTANCE)) {
            points.add(new Point(v.getPercentileLevelIteratedTo(), ms(v.getValueIteratedTo())));
        }
        return new LatencySummary(micros.getTotalCount(), micros.getMean() / MICROS_PER_MS,
            ms(micros.getValueAtPercentile(50)), ms(micros.getValueAtPercentile(90)),
            ms(micros.getValueAtPercentile(99)), ms(micros.getValueAtPercentile(99.9)),
            ms(micros.getMaxValue()), points);
    }

    private static double ms(long micros) {
        return micros / MICROS_PER_MS;
    }
}
