package org.cmppgw.gateway.console;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

final class TpsReadingsTest {

    @Test
    void theFirstReadingHasNothingToCompareWith() {
        TpsReadings readings = new TpsReadings();
        assertThat(readings.actual("p", 100, 0)).isEqualTo("\u2014");
        assertThat(readings.actual("p", 150, 2_000_000_000L)).isEqualTo("25.0");
        assertThat(readings.actual("other", 7, 2_000_000_000L)).as("per provider").isEqualTo("\u2014");
        assertThat(readings.actual("p", 150, 4_000_000_000L)).isEqualTo("0.0");
    }

    @Test
    void aCounterThatWentBackOrNoTimePassedShowsNoFigure() {
        TpsReadings readings = new TpsReadings();
        readings.actual("p", 100, 1_000);
        assertThat(readings.actual("p", 120, 1_000)).isEqualTo("\u2014");
        assertThat(readings.actual("p", 10, 5_000)).isEqualTo("\u2014");
    }

    @Test
    void countsAreSummedOverSessionsAndResultsSortNumerically() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Counter.builder("r").tags("session", "0", "result", "10").register(registry).increment(2);
        Counter.builder("r").tags("session", "0", "result", "0").register(registry).increment(5);
        Counter.builder("r").tags("session", "1", "result", "0").register(registry).increment(7);
        Counter.builder("r").tags("session", "1", "result", "8").register(registry).increment(1);
        Counter.builder("r").tags("session", "1", "result", "other").register(registry).increment(3);
        Counter.builder("r").tags("session", "1", "result", "9").register(registry);
        assertThat(ConsolePages.countsBy(registry.find("r").counters(), "result"))
            .isEqualTo("0: 12, 8: 1, 10: 2, other: 3");
        assertThat(ConsolePages.countsBy(registry.find("none").counters(), "result")).isEqualTo("\u2014");
    }
}
