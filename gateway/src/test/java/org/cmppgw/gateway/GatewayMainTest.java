package org.cmppgw.gateway;

import org.cmppgw.gateway.app.EmbeddedCarrier;
import org.cmppgw.gateway.config.LaunchOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line's exits that need no running gateway: help, configuration errors named by path, the demo
 * configuration without the demo carrier on the class path (the gateway module's own tests never have it), and a
 * port another process holds.
 */
final class GatewayMainTest {
    private static final String CONFIG = "../config/gateway.yaml";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;

    @BeforeEach
    void capture() {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    @Test
    void helpPrintsUsageAndExitsZero() {
        assertThat(GatewayMain.run(new String[] {"--help"})).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(LaunchOptions.USAGE);
    }

    @Test
    void aBadValueExitsTwoNamingItsPath() {
        int code = GatewayMain.run(new String[] {"--config", CONFIG, "--set", "providers[0].window=0"});

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("gateway: ").contains("providers[0].window")
            .contains("0");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void anUnknownOptionExitsTwo() {
        assertThat(GatewayMain.run(new String[] {"--port", "8080"})).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("\"--port\"");
    }

    @Test
    void aMissingConfigFileExitsTwo() {
        assertThat(GatewayMain.run(new String[] {"--config", "no/such/gateway.yaml"})).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no/such/gateway.yaml");
    }

    @Test
    void theDemoWithoutItsCarrierExitsTwoWithOneLine() {
        int code = GatewayMain.run(new String[] {"--config", CONFIG, "--set", "simulator.embedded=true"});

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("gateway: " + EmbeddedCarrier.MISSING
            + System.lineSeparator());
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aPortInUseExitsTwoWithOneLineNamingItsKey() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("0.0.0.0", 0));
            int port = taken.getLocalPort();

            int code = GatewayMain.run(new String[] {"--config", CONFIG, "--set", "simulator.embedded=false",
                "--set", "database.url=jdbc:h2:mem:port-in-use;DB_CLOSE_DELAY=-1", "--set", "server.port=" + port,
                "--set", "server.managementPort=0", "--set", "providers[0].port=" + port});

            assertThat(code).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("gateway: server.port: " + port
                + " on 0.0.0.0 is already in use by another process (stop it, or choose a free port: --set "
                + "server.port=<port>)" + System.lineSeparator());
        }
    }
}
