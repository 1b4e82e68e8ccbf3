package org.cmppgw.gateway.api;

import io.netty.channel.Channel;
import org.cmppgw.gateway.logging.LogThrottle;
import org.cmppgw.gateway.metrics.GatewayMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Caps the API's open connections in total ({@code server.maxConnections}) and per client address
 * ({@code server.maxConnectionsPerAddress}, {@link ClientAddress}), so that one client holding thousands of idle
 * sockets cannot take every file descriptor from the others (docs/api.md "Connections and limits"). A connection
 * over a cap is closed before any handler is installed; {@code cmppgw_api_connections_refused_total} counts it and
 * one WARN line per burst names the address. Shared by every event loop; the counts are atomic.
 */
final class ConnectionLimits {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLimits.class);
    private static final long WARN_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final int maxTotal;
    private final int maxPerAddress;
    private final GatewayMetrics metrics;
    private final LogThrottle warnings;
    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();

    ConnectionLimits(int maxTotal, int maxPerAddress, GatewayMetrics metrics, LongSupplier nanoClock) {
        this.maxTotal = maxTotal;
        this.maxPerAddress = maxPerAddress;
        this.metrics = metrics;
        this.warnings = new LogThrottle(WARN_INTERVAL_NANOS, nanoClock);
    }

    /**
     * Counts a new connection until it closes, or closes it at once when it is over a cap.
     *
     * @return true when the connection may be served
     */
    boolean admit(Channel channel) {
        InetAddress client = ClientAddress.of(channel.remoteAddress());
        if (total.incrementAndGet() > maxTotal) {
            total.decrementAndGet();
            refuse(channel, client, "total", "the gateway has " + maxTotal + " open (server.maxConnections)");
            return false;
        }
        if (client != null && !countIn(client)) {
            total.decrementAndGet();
            refuse(channel, client, "per_address",
                "it has " + maxPerAddress + " open (server.maxConnectionsPerAddress)");
            return false;
        }
        channel.closeFuture().addListener(f -> release(client));
        return true;
    }

    /** Open connections in total, for tests. */
    int open() {
        return total.get();
    }

    private boolean countIn(InetAddress client) {
        boolean[] counted = new boolean[1];
        perAddress.compute(client, (address, open) -> {
            int now = open == null ? 0 : open;
            if (now >= maxPerAddress) {
                return open;
            }
            counted[0] = true;
            return now + 1;
        });
        return counted[0];
    }

    private void release(InetAddress client) {
        total.decrementAndGet();
        if (client != null) {
            perAddress.computeIfPresent(client, (address, open) -> open == 1 ? null : open - 1);
        }
    }

    private void refuse(Channel channel, InetAddress client, String limit, String why) {
        channel.close();
        long suppressed = warnings.tryLog();
        if (suppressed >= 0) {
            LOG.warn("api - refusing connections from {}: {} ({} more refused since the last line)",
                ClientAddress.describe(client), why, suppressed);
        }
        metrics.apiConnectionRefused(limit);
    }
}
