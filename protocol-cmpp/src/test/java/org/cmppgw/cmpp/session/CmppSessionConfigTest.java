package org.cmppgw.cmpp.session;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CmppSessionConfigTest {

    @Test
    void defaultsAreTheSpecRecommendations() {
        CmppSessionConfig c = CmppSessionConfig.defaults();
        assertThat(c.windowSize()).isEqualTo(16);
        assertThat(c.responseTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.maxSends()).isEqualTo(3);
        assertThat(c.activeTestIdle()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.activeTestMaxMissed()).isEqualTo(3);
        assertThat(c.loginTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.terminateTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.maxFrameLength()).isEqualTo(4096);
        assertThat(c.maxConsecutiveBadFrames()).isEqualTo(8);
        assertThat(c.sweepPeriod()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void builderChangesOnlyWhatItIsTold() {
        CmppSessionConfig c = CmppSessionConfig.builder().windowSize(32).responseTimeout(Duration.ofMillis(800))
            .build();
        assertThat(c.windowSize()).isEqualTo(32);
        assertThat(c.sweepPeriod()).isEqualTo(Duration.ofMillis(100));
        assertThat(c.toBuilder().build()).isEqualTo(c);
        assertThat(c.maxSends()).isEqualTo(3);
    }

    @Test
    void rejectsOutOfRangeValuesWithNettyShapedMessages() {
        assertThatThrownBy(() -> CmppSessionConfig.builder().windowSize(0).build())
            .hasMessage("windowSize: 0 (expected: 1..1024)");
        assertThatThrownBy(() -> CmppSessionConfig.builder().windowSize(1025).build())
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CmppSessionConfig.builder().responseTimeout(Duration.ZERO).build())
            .hasMessage("responseTimeout: PT0S (expected: > 0)");
        assertThatThrownBy(() -> CmppSessionConfig.builder().maxSends(0).build())
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CmppSessionConfig.builder().maxFrameLength(11).build())
            .hasMessage("maxFrameLength: 11 (expected: 12..1048576)");
    }
}
