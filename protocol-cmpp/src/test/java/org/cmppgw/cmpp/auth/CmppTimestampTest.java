package org.cmppgw.cmpp.auth;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The CONNECT Timestamp MMDDHHMMSS (docs/cmpp-protocol.md §5.2), always from an injected clock. */
class CmppTimestampTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void digitsArePaddedToTenCharacters() {
        assertThat(CmppTimestamp.digits(105093000L)).isEqualTo("0105093000");
        assertThat(CmppTimestamp.digits(1121225030L)).isEqualTo("1121225030");
        assertThat(CmppTimestamp.digits(0)).isEqualTo("0000000000");
    }

    @Test
    void digitsRejectWhatIsNoTimestamp() {
        assertThatThrownBy(() -> CmppTimestamp.digits(-1)).hasMessage("timestamp: -1 (expected: MMDDHHMMSS)");
        assertThatThrownBy(() -> CmppTimestamp.digits(12_312_359_590L)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ofComposesMonthDayHourMinuteSecond() {
        assertThat(CmppTimestamp.of(LocalDateTime.of(2025, 11, 21, 22, 50, 30))).isEqualTo(1121225030L);
        assertThat(CmppTimestamp.of(LocalDateTime.of(2026, 1, 5, 9, 30, 0))).isEqualTo(105093000L);
        assertThat(CmppTimestamp.of(LocalDateTime.of(2026, 12, 31, 23, 59, 59))).isEqualTo(1231235959L);
    }

    @Test
    void nowReadsTheInjectedClockInBeijingTime() {
        // 14:50:30 UTC is 22:50:30 in Asia/Shanghai (UTC+8, no daylight saving)
        Clock clock = Clock.fixed(Instant.parse("2025-11-21T14:50:30Z"), ZoneOffset.UTC);
        assertThat(CmppTimestamp.now(clock)).isEqualTo(1121225030L);
        assertThat(CmppTimestamp.now(clock, SHANGHAI)).isEqualTo(1121225030L);
        assertThat(CmppTimestamp.now(clock, ZoneOffset.UTC)).isEqualTo(1121145030L);
        assertThat(CmppTimestamp.BEIJING).isEqualTo(SHANGHAI);
    }

    @Test
    void nowCrossesTheDateLineOfBeijingBeforeUtcDoes() {
        Clock clock = Clock.fixed(Instant.parse("2025-12-31T16:00:05Z"), ZoneOffset.UTC);
        assertThat(CmppTimestamp.now(clock)).isEqualTo(101000005L);
    }

    @Test
    void skewIsTheDistanceToNow() {
        Clock clock = clockAt("2025-11-21T22:50:30");
        assertThat(CmppTimestamp.skew(1121225030L, clock, SHANGHAI)).isEqualTo(Duration.ZERO);
        assertThat(CmppTimestamp.skew(1121225100L, clock, SHANGHAI)).isEqualTo(Duration.ofSeconds(30));
        assertThat(CmppTimestamp.skew(1121224930L, clock, SHANGHAI)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void skewAcrossNewYearUsesTheNearestYear() {
        // a client still in the old year logs in just after our midnight, and the other way round
        assertThat(CmppTimestamp.skew(1231235959L, clockAt("2026-01-01T00:00:01"), SHANGHAI))
            .isEqualTo(Duration.ofSeconds(2));
        assertThat(CmppTimestamp.skew(101000001L, clockAt("2025-12-31T23:59:59"), SHANGHAI))
            .isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void skewOfAnImpossibleTimestampIsAYear() {
        Clock clock = clockAt("2025-11-21T22:50:30");
        assertThat(CmppTimestamp.skew(1321225030L, clock, SHANGHAI)).isEqualTo(Duration.ofDays(366));
        assertThat(CmppTimestamp.skew(0L, clock, SHANGHAI)).isEqualTo(Duration.ofDays(366));
        // 29 Feb exists in none of 2025..2027, but in 2024
        assertThat(CmppTimestamp.skew(229120000L, clockAt("2026-03-01T12:00:00"), SHANGHAI))
            .isEqualTo(Duration.ofDays(366));
        assertThat(CmppTimestamp.skew(229120000L, clockAt("2024-03-01T12:00:00"), SHANGHAI))
            .isEqualTo(Duration.ofDays(1));
    }

    @Test
    void offsetIsSignedAndEmptyForWhatIsNoDate() {
        Clock clock = clockAt("2025-11-21T22:50:30");
        assertThat(CmppTimestamp.offset(1121225100L, clock, SHANGHAI)).contains(Duration.ofSeconds(30));
        assertThat(CmppTimestamp.offset(1121224930L, clock, SHANGHAI)).contains(Duration.ofMinutes(-1));
        // the same instant written by an SP on UTC: eight hours behind when read as Beijing time
        assertThat(CmppTimestamp.offset(CmppTimestamp.now(clock, ZoneOffset.UTC), clock, SHANGHAI))
            .contains(Duration.ofHours(-8));
        assertThat(CmppTimestamp.offset(1321225030L, clock, SHANGHAI)).isEmpty();
    }

    private static Clock clockAt(String beijingLocalTime) {
        return Clock.fixed(LocalDateTime.parse(beijingLocalTime).atZone(SHANGHAI).toInstant(), SHANGHAI);
    }
}
