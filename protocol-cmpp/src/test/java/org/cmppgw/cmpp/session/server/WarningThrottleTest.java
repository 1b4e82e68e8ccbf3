package org.cmppgw.cmpp.session.server;

import org.cmppgw.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One warning per interval, with the count of those held back in between. */
class WarningThrottleTest {
    @Test
    void letsTheFirstThroughThenOnePerIntervalWithTheCountHeldBack() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-03T12:00:00Z"));
        WarningThrottle throttle = new WarningThrottle(60_000, clock);

        assertThat(throttle.tryPass()).isZero();
        assertThat(throttle.tryPass()).isEqualTo(-1);
        clock.advance(Duration.ofSeconds(59));
        assertThat(throttle.tryPass()).isEqualTo(-1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.tryPass()).isEqualTo(2);
        assertThat(throttle.tryPass()).isEqualTo(-1);
    }

    @Test
    void aZeroIntervalIsRefused() {
        assertThatThrownBy(() -> new WarningThrottle(0, new MutableClock(Instant.EPOCH)))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("intervalMillis: 0 (expected: > 0)");
    }
}
