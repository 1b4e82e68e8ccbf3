package org.cmppgw.gateway.config;

import java.time.Duration;

/**
 * One entry of {@code emailProviders}: an SMTP account mail is sent through (docs/operations.md "SMTP providers"). The
 * fields of the SMTP channel form plus what a connection pool needs. Email goes to the first provider that is
 * available, to the next one when it is down.
 *
 * @param name               unique name: logs, metric labels and the {@code provider} of each sent mail
 * @param host               the sending server
 * @param port               its port (25, 465 or 587 usually)
 * @param encryption         NONE, SSL_TLS (implicit TLS) or STARTTLS
 * @param account            the login for AUTH; empty = no AUTH (a relay that trusts this host)
 * @param password           the login's password (masked in {@code toString}); required with an account
 * @param senderAddress      the From address recipients see
 * @param connections        SMTP connections kept open and reused, each with its own sending thread
 * @param tps                mails per second for the whole provider
 * @param trustAll           accept any server certificate: ONLY for test sinks with self-signed certificates
 * @param trustedCertificate a PEM file whose certificate is trusted besides the JDK's CAs (a private relay); "" = none
 * @param timeout            connect, read and write timeout of one SMTP exchange
 * @param maxAttempts        sends of a mail (4xx replies, unreachable server) before it is FAILED
 * @param retryDelay         the first retry's delay; each next one doubles, up to {@link #MAX_RETRY_DELAY}
 * @param circuitBreaker     when to stop sending to this provider (connection and AUTH failures count, SMTP replies
 *                           do not)
 */
public record EmailProviderConfig(String name, String host, int port, SmtpEncryption encryption, String account,
                                  Secret password, String senderAddress, int connections, int tps, boolean trustAll,
                                  String trustedCertificate, Duration timeout, int maxAttempts, Duration retryDelay,
                                  CircuitBreakerConfig circuitBreaker) {
    /** The longest delay between two attempts of a mail. */
    public static final Duration MAX_RETRY_DELAY = Duration.ofHours(1);

    public EmailProviderConfig {
        ConfigChecks.text("name", name);
        if (!name.matches("[A-Za-z0-9._-]{1,32}")) {
            throw new IllegalArgumentException(
                "name: \"" + name + "\" (expected: 1–32 letters, digits, '.', '_' or '-')");
        }
        ConfigChecks.text("host", host);
        ConfigChecks.range("port", port, 1, 65_535);
        ConfigChecks.present("encryption", encryption, "NONE, SSL_TLS or STARTTLS");
        account = ConfigChecks.optionalText(account);
        password = password == null ? new Secret("") : password;
        if (!account.isEmpty() && password.isEmpty()) {
            throw new IllegalArgumentException("password: empty (expected: the password of account " + account + ")");
        }
        ConfigChecks.text("senderAddress", senderAddress);
        if (!senderAddress.matches("[^@\\s<>]+@[^@\\s<>]+")) {
            throw new IllegalArgumentException("senderAddress: \"" + senderAddress
                + "\" (expected: an address such as noreply@example.com)");
        }
        ConfigChecks.range("connections", connections, 1, 64);
        ConfigChecks.range("tps", tps, 1, 100_000);
        trustedCertificate = ConfigChecks.optionalText(trustedCertificate);
        if (trustAll && !trustedCertificate.isEmpty()) {
            throw new IllegalArgumentException("trustAll: true (expected: false when trustedCertificate is set)");
        }
        ConfigChecks.positive("timeout", timeout);
        ConfigChecks.range("maxAttempts", maxAttempts, 1, 100);
        ConfigChecks.positive("retryDelay", retryDelay);
        ConfigChecks.present("circuitBreaker", circuitBreaker, "circuit-breaker settings");
    }

    /** Whether the provider logs in (AUTH) after connecting. */
    public boolean authenticates() {
        return !account.isEmpty();
    }

    /** The delay before attempt {@code attempt + 1} after attempt {@code attempt} (1-based) failed transiently. */
    public Duration retryDelayAfter(int attempt) {
        Duration delay = retryDelay;
        for (int i = 1; i < attempt && delay.compareTo(MAX_RETRY_DELAY) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY : delay;
    }
}
