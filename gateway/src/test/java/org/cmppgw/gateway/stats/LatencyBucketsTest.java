package org.cmppgw.gateway.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The latency buckets' bounds, and percentiles read from them. */
final class LatencyBucketsTest {
    @Test
    void aLatencyFallsInTheFirstBucketWhoseBoundHoldsIt() {
        assertThat(LatencyBuckets.of(-5)).isZero();
        assertThat(LatencyBuckets.of(1_000)).isZero();
        assertThat(LatencyBuckets.of(1_001)).isEqualTo(1);
        assertThat(LatencyBuckets.of(60_000)).isEqualTo(5);
        assertThat(LatencyBuckets.of(3_600_000)).isEqualTo(10);
        assertThat(LatencyBuckets.of(3_600_001)).isEqualTo(LatencyBuckets.COUNT - 1);
        assertThat(LatencyBuckets.label(LatencyBuckets.COUNT - 1)).isEqualTo(">1h");
    }

    @Test
    void aPercentileIsTheBucketItsRankFallsIn() {
        long[] counts = new long[LatencyBuckets.COUNT];
        counts[0] = 50;
        counts[2] = 40;
        counts[7] = 9;
        counts[11] = 1;
        assertThat(LatencyBuckets.quantileLabel(counts, 0.5)).isEqualTo("≤1s");
        assertThat(LatencyBuckets.quantileLabel(counts, 0.51)).isEqualTo("≤5s");
        assertThat(LatencyBuckets.quantileLabel(counts, 0.9)).isEqualTo("≤5s");
        assertThat(LatencyBuckets.quantileLabel(counts, 0.99)).isEqualTo("≤5m");
        assertThat(LatencyBuckets.quantileLabel(counts, 1)).isEqualTo(">1h");
        assertThat(LatencyBuckets.quantileLabel(new long[LatencyBuckets.COUNT], 0.5)).as("no report yet").isEmpty();
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> LatencyBuckets.quantile(new long[3], 0.5))
            .hasMessage("counts: 3 buckets (expected: 12)");
        assertThatThrownBy(() -> LatencyBuckets.quantile(new long[LatencyBuckets.COUNT], 0))
            .hasMessage("q: 0.0 (expected: 0 < q <= 1)");
    }
}
