package org.cmppgw.gateway.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code stats} section: documented defaults, values read, and a clear error for each bad value. */
final class StatsConfigTest {
    private static GatewayConfig demo(String... overrides) {
        return new ConfigLoader(Map.of()).load(Path.of("..", "config", "gateway.yaml"), List.of(overrides));
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        assertThat(demo().stats()).isEqualTo(StatsConfig.defaults());
        assertThat(StatsConfig.defaults().retention()).isEqualTo(Duration.ofDays(400));
        GatewayConfig production = new ConfigLoader(ProductionExampleConfigTest.SECRETS).load(
            Path.of("..", "config", "production-example.yaml"), List.of());
        assertThat(production.stats()).as("the section may be left out").isEqualTo(StatsConfig.defaults());
    }

    @Test
    void valuesAreReadAndBadOnesRefusedWithTheirPath() {
        StatsConfig stats = demo("stats.interval=200ms", "stats.lag=0s", "stats.retentionDays=30").stats();
        assertThat(stats).isEqualTo(new StatsConfig(Duration.ofMillis(200), Duration.ZERO, 30));
        assertThatThrownBy(() -> demo("stats.interval=50ms")).isInstanceOf(ConfigException.class)
            .hasMessageContaining("stats.interval: 50ms (expected: 100ms..1h)");
        assertThatThrownBy(() -> demo("stats.lag=2h")).isInstanceOf(ConfigException.class)
            .hasMessageContaining("stats.lag: 2h (expected: 0s..1h)");
        assertThatThrownBy(() -> demo("stats.retentionDays=0")).isInstanceOf(ConfigException.class)
            .hasMessageContaining("stats.retentionDays: 0");
    }
}
