package org.cmppgw.gateway.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code expiry} and {@code history} sections: documented defaults and a clear error for each bad value. */
final class HistoryConfigTest {
    private static GatewayConfig demo(String... overrides) {
        return new ConfigLoader(Map.of()).load(Path.of("..", "config", "gateway.yaml"), List.of(overrides));
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        GatewayConfig config = demo();
        assertThat(config.expiry()).isEqualTo(ExpiryConfig.defaults());
        assertThat(config.expiry().noReport()).isEqualTo(Duration.ofHours(72));
        assertThat(config.expiry().parkedReport()).isEqualTo(Duration.ofHours(72));
        assertThat(config.history()).isEqualTo(HistoryConfig.defaults());
        assertThat(config.history().retentionDays()).isEqualTo(7);
        assertThat(config.history().retention()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void theSectionsMayBeLeftOut() {
        GatewayConfig config = new ConfigLoader(ProductionExampleConfigTest.SECRETS).load(
            Path.of("..", "config", "production-example.yaml"),
            List.of());
        assertThat(config.expiry()).isEqualTo(ExpiryConfig.defaults());
        assertThat(config.history()).isEqualTo(HistoryConfig.defaults());
    }

    @Test
    void valuesAreRead() {
        GatewayConfig config = demo("expiry.noReport=48h", "expiry.parkedReport=1h", "history.retentionDays=60",
            "history.batchSize=10000", "history.pause=0s");
        assertThat(config.expiry().noReport()).isEqualTo(Duration.ofHours(48));
        assertThat(config.expiry().parkedReport()).isEqualTo(Duration.ofHours(1));
        assertThat(config.history().retentionDays()).isEqualTo(60);
        assertThat(config.history().batchSize()).isEqualTo(10_000);
        assertThat(config.history().pause()).isZero();
    }

    @Test
    void badValuesAreRefusedWithTheirPath() {
        assertThatThrownBy(() -> demo("history.retentionDays=0")).isInstanceOf(ConfigException.class)
            .hasMessageContaining("history.retentionDays: 0 (expected: 1..60)");
        assertThatThrownBy(() -> demo("history.retentionDays=61")).isInstanceOf(ConfigException.class)
            .hasMessageContaining("history.retentionDays: 61");
        assertThatThrownBy(() -> demo("history.batchSize=99")).isInstanceOf(ConfigException.class)
            .hasMessageContaining("history.batchSize");
        assertThatThrownBy(() -> demo("history.pause=-1s")).isInstanceOf(ConfigException.class)
            .hasMessageContaining("history.pause");
        assertThatThrownBy(() -> demo("expiry.noReport=30s")).isInstanceOf(ConfigException.class)
            .hasMessageContaining("expiry.noReport: 30s (expected: >= 1m)");
        assertThatThrownBy(() -> demo("expiry.parkedReport=0s")).isInstanceOf(ConfigException.class)
            .hasMessageContaining("expiry.parkedReport");
    }

    @Test
    void historyMustOutliveTheCallbackRetries() {
        assertThatThrownBy(() -> demo("history.retentionDays=1", "callbacks.retrySchedule=[3m, 1h, 24h]"))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("history.retentionDays: 1 (expected: longer than callbacks.retrySchedule");
        assertThat(demo("history.retentionDays=1").history().retentionDays()).isEqualTo(1);
    }

    @Test
    void historyMustCoverTheLongestAdmissionWindowWhoseMessagesTheRulesCount() {
        assertThatThrownBy(() -> demo("history.retentionDays=1", "admission.codes.window=48h"))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("history.retentionDays: 1 (expected: at least the longest admission window, 2d)");
        assertThat(demo("history.retentionDays=2", "admission.codes.window=48h").history().retentionDays())
            .isEqualTo(2);
        assertThat(demo("history.retentionDays=1", "admission.codes.window=48h", "admission.codes.limit=0")
            .history().retentionDays()).as("a limit that is off looks back at nothing").isEqualTo(1);
    }
}
