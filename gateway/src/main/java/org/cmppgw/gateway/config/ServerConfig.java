package org.cmppgw.gateway.config;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.time.Duration;

/**
 * The {@code server} section: the HTTP API and management listeners (docs/design.md §2), the limits that keep a
 * hostile or broken client from holding the API's connections (docs/api.md "Connections and limits"), and the
 * event-loop threads of the API and of the CMPP connections.
 *
 * @param host                     address the HTTP API binds to ({@code 0.0.0.0} = every interface)
 * @param port                     HTTP API port (0 = any free port, for tests)
 * @param managementHost           address the management listener binds to (loopback by default)
 * @param managementPort           {@code /metrics} and {@code /health/*} port (0 = any free port)
 * @param maxRequestSize           largest accepted request body in bytes; bigger requests get 403/50007
 * @param workerThreads            API event-loop threads; 0 = Netty's default (2 × cores)
 * @param cmppThreads              event-loop threads shared by the CMPP connections of every provider; 0 = Netty's
 *                                 default (2 × cores). Each thread more wakes up on its own for fewer connections'
 *                                 PDUs, and every wake-up costs CPU (docs/design.md §2)
 * @param idleTimeout              keep-alive connections idle this long between requests are closed
 * @param requestReadTimeout       a request whose headers and body have not all arrived this long after its first
 *                                 byte (or after the connection opened) is cut off, however slowly bytes trickle in
 * @param acceptTimeout            the longest a send request waits for its messages to be taken by the store: past
 *                                 it, messages still queued are withdrawn (never stored) and the answer is 503
 *                                 (docs/api.md "When the database is slow or down")
 * @param maxConnections           open API connections in total; a connection over it is closed at once
 * @param maxConnectionsPerAddress open API connections from one client address; over it, closed at once
 * @param authFailureLimit         failed logins one client address may make in a burst before its requests are
 *                                 answered 429 without checking the password; 0 = no limit
 * @param authFailureWindow        the time over which that allowance refills
 * @param tlsCertificate           PEM file of the API's certificate chain; empty = plain HTTP
 * @param tlsPrivateKey            PEM file of its private key (PKCS#8, unencrypted); empty with the certificate
 * @param managementTls            the management listener uses the same certificate too
 * @param idempotencyKeyTtl        how long a send's {@code Idempotency-Key} and its answer are kept for retries
 *                                 (docs/api.md "When the database is slow or down")
 */
public record ServerConfig(String host, int port, String managementHost, int managementPort,
                           @JsonDeserialize(using = ConfigDeserializers.ByteSize.class) int maxRequestSize,
                           int workerThreads, int cmppThreads, Duration idleTimeout, Duration requestReadTimeout,
                           Duration acceptTimeout,
                           int maxConnections, int maxConnectionsPerAddress,
                           int authFailureLimit, Duration authFailureWindow,
                           String tlsCertificate, String tlsPrivateKey, boolean managementTls,
                           Duration idempotencyKeyTtl) {
    /** Upper bound for {@code maxRequestSize}: a batch of 1000 recipients fits in far less. */
    public static final int MAX_REQUEST_SIZE_LIMIT = 64 * 1024 * 1024;
    /** Upper bound for {@code maxConnections}: beyond this the process runs out of file descriptors first. */
    public static final int MAX_CONNECTIONS_LIMIT = 1_000_000;

    public ServerConfig {
        ConfigChecks.text("host", host);
        ConfigChecks.port("port", port);
        ConfigChecks.text("managementHost", managementHost);
        ConfigChecks.port("managementPort", managementPort);
        ConfigChecks.range("maxRequestSize", maxRequestSize, 1024, MAX_REQUEST_SIZE_LIMIT);
        ConfigChecks.range("workerThreads", workerThreads, 0, 1024);
        ConfigChecks.range("cmppThreads", cmppThreads, 0, 1024);
        ConfigChecks.positive("idleTimeout", idleTimeout);
        ConfigChecks.positive("requestReadTimeout", requestReadTimeout);
        ConfigChecks.positive("acceptTimeout", acceptTimeout);
        ConfigChecks.range("maxConnections", maxConnections, 1, MAX_CONNECTIONS_LIMIT);
        if (maxConnectionsPerAddress < 1 || maxConnectionsPerAddress > maxConnections) {
            throw new IllegalArgumentException("maxConnectionsPerAddress: " + maxConnectionsPerAddress
                + " (expected: 1.." + maxConnections + ", at most maxConnections)");
        }
        ConfigChecks.range("authFailureLimit", authFailureLimit, 0, 1_000_000);
        ConfigChecks.positive("authFailureWindow", authFailureWindow);
        ConfigChecks.positive("idempotencyKeyTtl", idempotencyKeyTtl);
        tlsCertificate = ConfigChecks.optionalText(tlsCertificate);
        tlsPrivateKey = ConfigChecks.optionalText(tlsPrivateKey);
        if (tlsCertificate.isEmpty() != tlsPrivateKey.isEmpty()) {
            throw new IllegalArgumentException("tlsPrivateKey: \"" + tlsPrivateKey
                + "\" (expected: given together with tlsCertificate, or both empty for plain HTTP)");
        }
        if (managementTls && tlsCertificate.isEmpty()) {
            throw new IllegalArgumentException(
                "managementTls: true (expected: false unless tlsCertificate and tlsPrivateKey are given)");
        }
        if (port != 0 && port == managementPort) {
            throw new IllegalArgumentException(
                "managementPort: " + managementPort + " (expected: a port other than the API port " + port + ")");
        }
    }

    /** True when the API listener speaks HTTPS. */
    public boolean tls() {
        return !tlsCertificate.isEmpty();
    }
}
