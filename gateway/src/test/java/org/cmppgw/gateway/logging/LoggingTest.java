package org.cmppgw.gateway.logging;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

final class LoggingTest {
    @Test
    void aLogThrottleLetsOneLineThroughPerIntervalAndCountsTheRest() {
        AtomicLong now = new AtomicLong(Long.MAX_VALUE - 5);
        LogThrottle throttle = new LogThrottle(10, now::get);

        assertThat(throttle.tryLog()).isZero();
        assertThat(throttle.tryLog()).isEqualTo(-1);
        assertThat(throttle.tryLog()).isEqualTo(-1);
        now.addAndGet(10);
        assertThat(throttle.tryLog()).as("held back since the last line").isEqualTo(2);
        assertThat(throttle.tryLog()).isEqualTo(-1);
    }

    @Test
    void handsetNumbersKeepTheirPrefixAndLastFourDigits() {
        assertThat(Masked.mobile("13800138000")).isEqualTo("138****8000");
        assertThat(Masked.mobile("8613800138000")).isEqualTo("861******8000");
        assertThat(Masked.mobile("1380013")).isEqualTo("*****13");
        assertThat(Masked.mobile("1")).isEqualTo("1");
        assertThat(Masked.mobile("")).isEmpty();
        assertThat(Masked.mobile(null)).isEqualTo("null");
    }
}
