package org.cmppgw.simulator.load;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** When outstanding messages count as pending (reports still coming) rather than lost. */
class LoadResultTest {
    private static final long END = TimeUnit.SECONDS.toNanos(1000);

    @Test
    void aReportWithinTheLastHalfOfTheGraceMeansStillArriving() {
        assertThat(LoadResult.stillArriving(END - TimeUnit.MILLISECONDS.toNanos(1999), END, 4)).isTrue();
        assertThat(LoadResult.stillArriving(END - TimeUnit.SECONDS.toNanos(2), END, 4)).isFalse();
    }

    @Test
    void theQuietSpanIsAtMostFiveSeconds() {
        assertThat(LoadResult.stillArriving(END - TimeUnit.MILLISECONDS.toNanos(4999), END, 120)).isTrue();
        assertThat(LoadResult.stillArriving(END - TimeUnit.SECONDS.toNanos(5), END, 120)).isFalse();
    }

    @Test
    void noReportAtAllOrNoGraceIsNeverArriving() {
        assertThat(LoadResult.stillArriving(0, END, 30)).isFalse();
        assertThat(LoadResult.stillArriving(END, END, 0)).isFalse();
    }
}
