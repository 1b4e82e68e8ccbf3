package org.cmppgw.gateway.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code clicks} section (docs/operations.md "Click tracking"): documented defaults, an error per bad value. */
final class ClicksConfigTest {
    private static GatewayConfig demo(String... overrides) {
        return new ConfigLoader(Map.of()).load(Path.of("..", "config", "gateway.yaml"), List.of(overrides));
    }

    @Test
    void theDemoTracksAndTheProductionExampleDoesNot() {
        ClicksConfig demo = demo().clicks();
        assertThat(demo).isEqualTo(new ClicksConfig(true, "http://127.0.0.1:8080/t/", "/t", 16));
        assertThat(demo.routeTemplate()).isEqualTo("/t/{token}");
        GatewayConfig production = new ConfigLoader(ProductionExampleConfigTest.SECRETS).load(
            Path.of("..", "config", "production-example.yaml"), List.of());
        assertThat(production.clicks().enabled()).isFalse();
        assertThat(ClicksConfig.off().enabled()).isFalse();
    }

    @Test
    void valuesAreRead() {
        ClicksConfig clicks = demo("clicks.publicBaseUrl=https://go.example.com/c/", "clicks.path=/track/c",
            "clicks.tokenBytes=32").clicks();
        assertThat(clicks).isEqualTo(new ClicksConfig(true, "https://go.example.com/c/", "/track/c", 32));
        assertThat(clicks.routeTemplate()).isEqualTo("/track/c/{token}");
    }

    @Test
    void badValuesAreRefusedWithTheirPath() {
        assertThatThrownBy(() -> demo("clicks.tokenBytes=15")).isInstanceOf(ConfigException.class)
            .hasMessageContaining("clicks.tokenBytes: 15 (expected: 16..32)");
        for (String url : List.of("https://go.example.com/c", "ftp://go.example.com/", "https:///c/",
            "https://go.example.com/c/?x=1", "https://go.example.com/\"/", "/c/")) {
            assertThatThrownBy(() -> demo("clicks.publicBaseUrl=" + url)).as(url)
                .isInstanceOf(ConfigException.class).hasMessageContaining("clicks.publicBaseUrl: " + url
                    + " (expected: an absolute http(s) URL ending with /");
        }
        for (String path : List.of("t", "/", "/t/", "/a//b", "/{x}")) {
            assertThatThrownBy(() -> demo("clicks.path=" + path)).as(path)
                .isInstanceOf(ConfigException.class).hasMessageContaining("clicks.path: " + path
                    + " (expected: /segment[/segment...], e.g. /t)");
        }
    }
}
