package org.cmppgw.gateway.app;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.cmppgw.simulator.ismg.IsmgConfig;
import org.cmppgw.simulator.ismg.IsmgServer;
import org.cmppgw.simulator.smtp.SmtpSink;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole system the click and policy tests drive: the simulator's ISMG, its SMTP sink (plain SMTP), a callback
 * sink, and a gateway built from the shipped config/gateway.yaml pointed at all three, with its H2 database in the
 * test's folder. The parts start first so a test can tune them before {@link #startGateway}; the gateway can be
 * stopped and started again on the same database. {@link #close} stops the gateway before the sinks and the carrier.
 */
final class E2eFixture implements AutoCloseable {
    private final String db;
    private IsmgServer ismg;
    private CallbackSink callbacks;
    private SmtpSink smtp;
    private Gateway gateway;

    private E2eFixture(Path dir) {
        this.db = E2e.h2Url(dir);
    }

    /** Starts the ISMG with {@code carrier}, the callback sink and the SMTP sink; no gateway yet. */
    static E2eFixture start(Path dir, IsmgConfig carrier) {
        E2eFixture e2e = new E2eFixture(dir);
        try {
            e2e.ismg = IsmgServer.start(carrier, Clock.systemUTC(), new SimpleMeterRegistry());
            e2e.callbacks = CallbackSink.start();
            e2e.smtp = new SmtpSink(E2e.plainSmtpSink(0)).start();
            return e2e;
        } catch (RuntimeException e) {
            try {
                e2e.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /**
     * Starts a gateway on the ISMG, the callback sink (every app's callback URL) and the SMTP sink (email provider
     * "mail"), with {@code more} {@code --set} overrides after those.
     */
    Gateway startGateway(String... more) {
        List<String> overrides = new ArrayList<>(E2e.overrides(ismg.port(), db, "sa", "", callbacks.uri()));
        overrides.addAll(E2e.emailProvider(smtp.port()));
        gateway = Gateway.start(E2e.config(overrides, more), Clock.systemUTC());
        return gateway;
    }

    /**
     * As the click tests start it: the carrier and the SMTP sink keep their last 8 submits and mails, template 2 is
     * "Order {{order}}: {{link}}", and tracked links are published under {@code publicBaseUrl}.
     */
    Gateway startClickGateway(String publicBaseUrl, String... more) {
        ismg.traffic("901234").keepSubmits(8);
        smtp.stats().keepMessages(8);
        List<String> overrides = new ArrayList<>(List.of("templates[1].id=2",
            "templates[1].content=Order {{order}}: {{link}}", "clicks.publicBaseUrl=" + publicBaseUrl));
        overrides.addAll(List.of(more));
        return startGateway(overrides.toArray(String[]::new));
    }

    /** Stops the gateway only (as a node stop would), leaving the database, carrier and sinks as they are. */
    void stopGateway() {
        gateway.close();
        gateway = null;
    }

    /** The H2 URL of the gateway's database (user "sa", no password). */
    String db() {
        return db;
    }

    IsmgServer ismg() {
        return ismg;
    }

    CallbackSink callbacks() {
        return callbacks;
    }

    SmtpSink smtp() {
        return smtp;
    }

    /** The running gateway, or null before {@link #startGateway} and after {@link #stopGateway}. */
    Gateway gateway() {
        return gateway;
    }

    /** The running gateway's API listener. */
    URI api() {
        return URI.create("http://127.0.0.1:" + gateway.apiAddress().getPort());
    }

    @Override
    public void close() {
        E2e.closeAll(gateway, smtp, callbacks, ismg);
    }
}
