package org.cmppgw.gateway.config;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.time.Duration;

/**
 * The {@code server} section: the HTTP API and management listeners (docs/design.md §2).
 *
 * @param host            address both listeners bind to ({@code 0.0.0.0} = every interface)
 * @param port            HTTP API port (0 = any free port, for tests)
 * @param managementPort  {@code /metrics} and {@code /health/*} port (0 = any free port)
 * @param maxRequestSize  largest accepted request body in bytes; bigger requests get 413
 * @param workerThreads   API event-loop threads; 0 = Netty's default (2 × cores)
 * @param idleTimeout     keep-alive connections idle this long are closed
 */
public record ServerConfig(String host, int port, int managementPort,
                           @JsonDeserialize(using = ConfigDeserializers.ByteSize.class) int maxRequestSize,
                           int workerThreads, Duration idleTimeout) {
    /** Upper bound for {@code maxRequestSize}: a batch of 1000 recipients fits in far less. */
    public static final int MAX_REQUEST_SIZE_LIMIT = 64 * 1024 * 1024;

    public ServerConfig {
        ConfigChecks.text("host", host);
        ConfigChecks.port("port", port);
        ConfigChecks.port("managementPort", managementPort);
        ConfigChecks.range("maxRequestSize", maxRequestSize, 1024, MAX_REQUEST_SIZE_LIMIT);
        ConfigChecks.range("workerThreads", workerThreads, 0, 1024);
        ConfigChecks.positive("idleTimeout", idleTimeout);
        if (port != 0 && port == managementPort) {
            throw new IllegalArgumentException(
                "managementPort: " + managementPort + " (expected: a port other than the API port " + port + ")");
        }
    }
}
