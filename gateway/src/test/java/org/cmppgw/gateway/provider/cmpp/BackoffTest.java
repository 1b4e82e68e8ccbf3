package org.cmppgw.gateway.provider.cmpp;

import org.cmppgw.gateway.config.ReconnectConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {
    private static final ReconnectConfig SPEC = new ReconnectConfig(Duration.ofSeconds(1), Duration.ofSeconds(60));

    @Test
    void doublesFromOneSecondToSixtyWithTheTopOfTheJitter() {
        Backoff backoff = new Backoff(SPEC, () -> 0.999_999);
        List<Long> seconds = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            seconds.add(Math.round(backoff.next() / 1e9));
        }

        assertThat(seconds).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
    }

    @Test
    void jitterKeepsAtLeastHalfTheStep() {
        Backoff backoff = new Backoff(SPEC, () -> 0.0);

        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(500).toNanos());
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(1).toNanos());
    }

    @Test
    void configurationErrorsGoStraightToTheMaximumAndALoginResets() {
        Backoff backoff = new Backoff(SPEC, () -> 0.999_999);

        assertThat(Math.round(backoff.max() / 1e9)).isEqualTo(60);
        assertThat(Math.round(backoff.next() / 1e9)).as("stays at the maximum").isEqualTo(60);
        backoff.reset();
        assertThat(Math.round(backoff.next() / 1e9)).isEqualTo(1);
    }
}
