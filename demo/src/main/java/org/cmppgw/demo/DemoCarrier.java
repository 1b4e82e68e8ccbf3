package org.cmppgw.demo;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.cmppgw.gateway.app.EmbeddedCarrier;
import org.cmppgw.gateway.config.SimulatorConfig;
import org.cmppgw.simulator.config.ConfigSections;
import org.cmppgw.simulator.ismg.IsmgConfig;
import org.cmppgw.simulator.ismg.IsmgServer;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The bundled carrier simulator run in-process for the demo ({@code simulator.embedded: true}): the {@code ismg:}
 * section of {@code simulator.config} (or the simulator's defaults: account 901234 / secret) on
 * {@code simulator.port}. Its meters stay out of the gateway's {@code /metrics}. Registered in
 * {@code META-INF/services}, so the gateway finds it whenever this module is on its class path.
 */
public final class DemoCarrier implements EmbeddedCarrier {
    @Override
    public Running start(SimulatorConfig settings, Clock clock) {
        IsmgConfig ismg = IsmgConfig.defaults();
        if (!settings.config().isEmpty()) {
            Path file = Path.of(settings.config());
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(
                    "simulator.config: " + file + " (expected: an existing simulator YAML file, or empty)");
            }
            ismg = ConfigSections.read(file, "ismg", ismg);
        }
        return new Started(IsmgServer.start(ismg.withPort(settings.port()), clock, new SimpleMeterRegistry()));
    }

    /** A running {@link IsmgServer}; tests reach it through {@link #server()}. */
    public record Started(IsmgServer server) implements Running {
        @Override
        public InetSocketAddress localAddress() {
            return server.localAddress();
        }

        @Override
        public void close() {
            server.close();
        }
    }
}
