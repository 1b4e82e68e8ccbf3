package org.cmppgw.simulator.ismg;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTimesTest {
    private final ReportTimes times = new ReportTimes(IsmgAccounts.CARRIER_ZONE);

    @Test
    void formatsBeijingTimeToTheMinute() {
        assertThat(times.format(Instant.parse("2026-11-21T14:50:31Z").toEpochMilli())).isEqualTo("2611212250");
        assertThat(times.format(Instant.parse("2026-12-31T16:00:00Z").toEpochMilli())).isEqualTo("2701010000");
    }

    @Test
    void sameMinuteGivesTheSameTextAndTheNextMinuteANewOne() {
        long t = Instant.parse("2026-01-02T03:04:00Z").toEpochMilli();

        String first = times.format(t);

        assertThat(times.format(t + 59_999)).isSameAs(first);
        assertThat(times.format(t + 60_000)).isEqualTo("2601021105");
        assertThat(times.format(t)).isEqualTo("2601021104");
    }
}
