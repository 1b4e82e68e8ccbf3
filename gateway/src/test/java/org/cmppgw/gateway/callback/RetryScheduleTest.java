package org.cmppgw.gateway.callback;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** JSMS retries: after 3 min, 1 h and 12 h; the fourth failed attempt gives up. */
final class RetryScheduleTest {
    private static final Instant T = Instant.parse("2026-01-05T08:00:00Z");
    private final RetrySchedule jsms = new RetrySchedule(List.of(Duration.ofMinutes(3), Duration.ofHours(1),
        Duration.ofHours(12)));

    @Test
    void eachFailedAttemptWaitsItsDelay() {
        assertThat(jsms.nextAttempt(1, T)).isEqualTo(T.plus(Duration.ofMinutes(3)));
        assertThat(jsms.nextAttempt(2, T)).isEqualTo(T.plus(Duration.ofHours(1)));
        assertThat(jsms.nextAttempt(3, T)).isEqualTo(T.plus(Duration.ofHours(12)));
        assertThat(jsms.exhausted(3)).isFalse();
        assertThat(jsms.exhausted(4)).isTrue();
        assertThatThrownBy(() -> jsms.nextAttempt(4, T)).isInstanceOf(IllegalStateException.class)
            .hasMessage("retry schedule - exhausted (attempts=4, retries=3)");
    }

    @Test
    void anEmptyScheduleAllowsOneAttempt() {
        RetrySchedule once = new RetrySchedule(List.of());
        assertThat(once.exhausted(1)).isTrue();
        assertThat(once.retries()).isZero();
        assertThatThrownBy(() -> new RetrySchedule(List.of(Duration.ZERO)))
            .hasMessage("delays[0]: PT0S (expected: > 0)");
    }
}
