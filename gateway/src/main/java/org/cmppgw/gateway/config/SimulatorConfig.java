package org.cmppgw.gateway.config;

/**
 * The {@code simulator} section: a fake carrier started inside the gateway for demos and load tests
 * (docs/design.md §6).
 *
 * @param embedded start it with the gateway; the carrier comes from the demo module, which must be on the class path
 * @param host     address it binds to
 * @param port     its CMPP port
 * @param config   its own YAML file; empty = the simulator's built-in defaults
 */
public record SimulatorConfig(boolean embedded, String host, int port, String config) {
    public SimulatorConfig {
        ConfigChecks.text("host", host);
        ConfigChecks.port("port", port);
        config = ConfigChecks.optionalText(config);
    }
}
