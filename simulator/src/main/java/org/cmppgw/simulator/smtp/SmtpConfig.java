package org.cmppgw.simulator.smtp;

import org.cmppgw.simulator.config.ConfigSections;

import java.util.List;
import java.util.Map;

/**
 * The {@code smtp:} section of {@code config/simulator.yaml} (documented there, with the defaults of
 * {@link #defaults()}).
 *
 * @param host           the address both ports bind to; 127.0.0.1 keeps the sink off the network
 * @param port           plain SMTP with STARTTLS; 0 = any free port
 * @param tlsPort        implicit TLS (SMTPS); {@link #OFF} disables it, 0 = any free port
 * @param starttls       offer STARTTLS on the plain port
 * @param hostName       the name in the greeting and EHLO reply, and the certificate's subject
 * @param authRequired   refuse MAIL FROM until the client has authenticated (needs {@code users})
 * @param users          accounts for AUTH PLAIN and LOGIN; empty = AUTH not offered
 * @param failures       recipients to answer with an injected 4xx/5xx reply
 * @param maxMessageSize largest message accepted in bytes (552 above it); 0 = unlimited
 * @param maxConnections concurrent sessions (one thread each)
 * @param metricsPort    Prometheus {@code /metrics} port; 0 = off
 */
public record SmtpConfig(String host, int port, int tlsPort, boolean starttls, String hostName,
                         boolean authRequired, List<SmtpUser> users, List<SmtpFailure> failures,
                         int maxMessageSize, int maxConnections, int metricsPort) {
    /** The {@code tlsPort} value that disables implicit TLS. */
    public static final int OFF = -1;
    private static final int MAX_PORT = 65535;

    public SmtpConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host: " + host + " (expected: an address to bind)");
        }
        checkPort("port", port, 0);
        checkPort("tlsPort", tlsPort, OFF);
        checkPort("metricsPort", metricsPort, 0);
        if (hostName == null || hostName.isBlank()) {
            throw new IllegalArgumentException("hostName: " + hostName + " (expected: a host name)");
        }
        users = users == null ? List.of() : List.copyOf(users);
        failures = failures == null ? List.of() : List.copyOf(failures);
        if (authRequired && users.isEmpty()) {
            throw new IllegalArgumentException("authRequired: true (expected: at least one entry in users)");
        }
        if (maxMessageSize < 0) {
            throw new IllegalArgumentException("maxMessageSize: " + maxMessageSize + " (expected: >= 0)");
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections: " + maxConnections + " (expected: >= 1)");
        }
    }

    /** The sink on 127.0.0.1:2525 (STARTTLS) and :2465 (implicit TLS), no AUTH, no failures, no metrics. */
    public static SmtpConfig defaults() {
        return new SmtpConfig("127.0.0.1", 2525, 2465, true, "localhost", false, List.of(), List.of(),
            0, 200, 0);
    }

    /** A copy with {@code changes} applied (keys are component names). */
    public SmtpConfig with(Map<String, ?> changes) {
        return ConfigSections.merge(this, changes);
    }

    /** Whether a certificate is needed at all. */
    boolean tls() {
        return starttls || tlsPort != OFF;
    }

    private static void checkPort(String name, int value, int min) {
        if (value < min || value > MAX_PORT) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: " + min + ".." + MAX_PORT + ")");
        }
    }
}
