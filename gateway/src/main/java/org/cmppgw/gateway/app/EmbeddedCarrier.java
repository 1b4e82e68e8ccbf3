package org.cmppgw.gateway.app;

import org.cmppgw.gateway.config.ConfigException;
import org.cmppgw.gateway.config.SimulatorConfig;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ServiceLoader;

/**
 * A fake carrier run inside the gateway for the demo ({@code simulator.embedded: true}, docs/design.md §6). The
 * gateway only names it: the implementation lives in the {@code demo} module, which depends on both the gateway and
 * the simulator, and is found on the class path through {@link ServiceLoader}. So the gateway never depends on the
 * simulator at compile scope, and a production gateway.jar carries no fake carrier, load generator or SMTP sink.
 */
public interface EmbeddedCarrier {
    /** Why the gateway cannot start when the demo asks for a carrier that is not on the class path. */
    String MISSING = "simulator.embedded: true (expected: the demo carrier on the class path - build the demo module,"
        + " or set simulator.embedded=false)";

    /**
     * Starts the carrier on {@code settings.port()}, configured from {@code settings.config()} (or the simulator's
     * defaults); its meters stay out of the gateway's {@code /metrics}.
     *
     * @throws RuntimeException when it cannot start (bad simulator file, port in use, ...)
     */
    Running start(SimulatorConfig settings, Clock clock);

    /** A started carrier; closing it stops it. */
    interface Running extends AutoCloseable {
        InetSocketAddress localAddress();

        @Override
        void close();
    }

    /**
     * The carrier registered in {@code META-INF/services} on the class path of {@code loader}.
     *
     * @throws ConfigException with {@link #MISSING} when there is none
     */
    static EmbeddedCarrier find(ClassLoader loader) {
        return ServiceLoader.load(EmbeddedCarrier.class, loader).findFirst()
            .orElseThrow(() -> new ConfigException(MISSING));
    }
}
