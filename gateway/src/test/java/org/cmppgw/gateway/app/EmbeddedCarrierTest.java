package org.cmppgw.gateway.app;

import org.cmppgw.gateway.config.ConfigException;
import org.cmppgw.gateway.config.ConfigLoader;
import org.cmppgw.gateway.config.GatewayConfig;
import org.cmppgw.gateway.config.SimulatorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The demo carrier is found through {@code META-INF/services}, and without it {@code simulator.embedded: true} fails
 * at start with one clear line. The gateway's own class path never holds it: the demo module does.
 */
final class EmbeddedCarrierTest {
    private static final Path CONFIG = Path.of("..", "config", "gateway.yaml");

    @Test
    void withoutTheDemoOnTheClassPathTheGatewayRefusesToStart() {
        GatewayConfig config = new ConfigLoader(Map.of()).load(CONFIG, List.of("simulator.embedded=true"));

        assertThatThrownBy(() -> Gateway.start(config, Clock.systemUTC()))
            .isInstanceOf(ConfigException.class)
            .hasMessage("simulator.embedded: true (expected: the demo carrier on the class path - build the demo"
                + " module, or set simulator.embedded=false)");
    }

    @Test
    void aClassLoaderWithoutARegisteredCarrierFindsNone() {
        ClassLoader empty = new URLClassLoader(new URL[0], null);

        assertThatThrownBy(() -> EmbeddedCarrier.find(empty))
            .isInstanceOf(ConfigException.class)
            .hasMessage(EmbeddedCarrier.MISSING);
    }

    @Test
    void theCarrierRegisteredInMetaInfServicesIsFound(@TempDir Path dir) throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(EmbeddedCarrier.class.getName()), StubCarrier.class.getName() + "\n",
            StandardCharsets.UTF_8);

        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
                EmbeddedCarrierTest.class.getClassLoader())) {
            assertThat(EmbeddedCarrier.find(loader)).isInstanceOf(StubCarrier.class);
        }
    }

    /** A carrier that starts nothing; only its registration matters here. */
    public static final class StubCarrier implements EmbeddedCarrier {
        @Override
        public Running start(SimulatorConfig settings, Clock clock) {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", settings.port());
            return new Running() {
                @Override
                public InetSocketAddress localAddress() {
                    return address;
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
