package org.cmppgw.gateway.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code node} section (issue 13): documented defaults, environment overrides and a clear error per bad value. */
final class NodeConfigTest {
    private static final Path DEMO = Path.of("..", "config", "gateway.yaml");

    private static GatewayConfig demo(Map<String, String> environment, String... overrides) {
        return new ConfigLoader(environment).load(DEMO, List.of(overrides));
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        NodeConfig node = demo(Map.of()).node();
        assertThat(node).isEqualTo(NodeConfig.defaults());
        assertThat(node.id()).isZero();
        assertThat(node.lease()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void theEnvironmentSetsTheNodeId() {
        NodeConfig node = demo(Map.of("CMPPGW_NODE_ID", "7", "CMPPGW_NODE_LEASE", "10s")).node();
        assertThat(node.id()).isEqualTo(7);
        assertThat(node.lease()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void badValuesAreRefusedWithTheirPath() {
        assertThatThrownBy(() -> demo(Map.of(), "node.id=1024")).isInstanceOf(ConfigException.class)
            .hasMessageContaining("node.id").hasMessageContaining("1024").hasMessageContaining("0..1023");
        assertThatThrownBy(() -> demo(Map.of(), "node.id=-1")).isInstanceOf(ConfigException.class)
            .hasMessageContaining("node.id");
        assertThatThrownBy(() -> demo(Map.of(), "node.lease=500ms")).isInstanceOf(ConfigException.class)
            .hasMessageContaining("node.lease").hasMessageContaining("1s..10m");
        assertThatThrownBy(() -> demo(Map.of(), "node.lease=11m")).isInstanceOf(ConfigException.class)
            .hasMessageContaining("node.lease");
    }
}
