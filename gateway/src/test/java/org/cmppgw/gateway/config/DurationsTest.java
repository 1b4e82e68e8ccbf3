package org.cmppgw.gateway.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationsTest {

    @Test
    void readsOperatorUnitsSumsAndIso() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("60s")).isEqualTo(Duration.ofSeconds(60));
        assertThat(Durations.parse("3m")).isEqualTo(Duration.ofMinutes(3));
        assertThat(Durations.parse("12h")).isEqualTo(Duration.ofHours(12));
        assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(Durations.parse("PT45S")).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void refusesBareNumbersAndUnknownUnits() {
        for (String bad : new String[] {"60", "s", "", "5x", "1.5s", "-1s", "P"}) {
            assertThatThrownBy(() -> Durations.parse(bad))
                .as(bad)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("\"" + bad + "\" (expected: a duration like 500ms, 60s, 3m, 1h)");
        }
    }

    @Test
    void formatsInTheLargestExactUnit() {
        assertThat(Durations.format(Duration.ofSeconds(60))).isEqualTo("1m");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Durations.format(Duration.ofHours(12))).isEqualTo("12h");
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    }

    @Test
    void byteSizesUseBinaryMultiples() {
        assertThat(ByteSizes.parse("65536")).isEqualTo(65536);
        assertThat(ByteSizes.parse("64KB")).isEqualTo(65536);
        assertThat(ByteSizes.parse("1mb")).isEqualTo(1 << 20);
        assertThatThrownBy(() -> ByteSizes.parse("2GB")).hasMessageContaining("expected: a size like");
    }
}
