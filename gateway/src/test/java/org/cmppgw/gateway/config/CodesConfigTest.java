package org.cmppgw.gateway.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code codes} section and {@code templates[].ttl}: documented defaults and a clear error for each bad value. */
final class CodesConfigTest {
    private static GatewayConfig demo(String... overrides) {
        return new ConfigLoader(Map.of()).load(Path.of("..", "config", "gateway.yaml"), List.of(overrides));
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        GatewayConfig config = demo();
        assertThat(config.codes().length()).isEqualTo(6);
        assertThat(config.codes().maxFailedGuesses()).isEqualTo(5);
        assertThat(config.codes().hashKey().isEmpty()).isTrue();
        assertThat(config.codes().keepExpired()).isEqualTo(Duration.ofHours(24));
        assertThat(config.codes().sweepInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.templates().get(0).ttl()).isEqualTo(60);
    }

    @Test
    void valuesAreRead() {
        GatewayConfig config = demo("codes.length=8", "codes.maxFailedGuesses=3", "codes.hashKey=k3y",
            "templates[0].ttl=86400");
        assertThat(config.codes().length()).isEqualTo(8);
        assertThat(config.codes().maxFailedGuesses()).isEqualTo(3);
        assertThat(config.codes().hashKey().value()).isEqualTo("k3y");
        assertThat(config.codes().toString()).doesNotContain("k3y");
        assertThat(config.templates().get(0).ttl()).isEqualTo(86_400);
    }

    @Test
    void badValuesAreRefusedWithTheirPath() {
        assertThatThrownBy(() -> demo("codes.length=3")).isInstanceOf(ConfigException.class)
            .hasMessageContaining("codes.length").hasMessageContaining("3");
        assertThatThrownBy(() -> demo("codes.maxFailedGuesses=0")).isInstanceOf(ConfigException.class)
            .hasMessageContaining("codes.maxFailedGuesses");
        assertThatThrownBy(() -> demo("codes.sweepInterval=0s")).isInstanceOf(ConfigException.class)
            .hasMessageContaining("codes.sweepInterval");
        assertThatThrownBy(() -> demo("templates[0].ttl=-1")).isInstanceOf(ConfigException.class)
            .hasMessageContaining("templates[0].ttl");
        assertThatThrownBy(() -> demo("templates[0].ttl=86401")).isInstanceOf(ConfigException.class)
            .hasMessageContaining("templates[0].ttl");
    }
}
