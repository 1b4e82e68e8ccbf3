package org.cmppgw.testing;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class MutableClockTest {
    private static final Instant T0 = Instant.parse("2026-11-22T14:50:30Z");

    @Test
    void advanceMovesWallTimeAndNanosTogether() {
        MutableClock clock = new MutableClock(T0);

        clock.advance(Duration.ofMillis(1500));

        assertThat(clock.instant()).isEqualTo(T0.plusMillis(1500));
        assertThat(clock.millis()).isEqualTo(T0.toEpochMilli() + 1500);
        assertThat(clock.nanoTime()).isEqualTo(MutableClock.START_NANOS + 1_500_000_000L);
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void setStepsTheWallClockOnly() {
        MutableClock clock = new MutableClock(T0);

        clock.set(T0.minusSeconds(5));

        assertThat(clock.instant()).isEqualTo(T0.minusSeconds(5));
        assertThat(clock.nanoTime()).isEqualTo(MutableClock.START_NANOS);
    }

    @Test
    void aZonedViewSharesTheTime() {
        MutableClock clock = new MutableClock(T0);
        Clock beijing = clock.withZone(ZoneId.of("Asia/Shanghai"));

        clock.advance(Duration.ofSeconds(1));

        assertThat(beijing.instant()).isEqualTo(T0.plusSeconds(1));
        assertThat(beijing.getZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
    }
}
