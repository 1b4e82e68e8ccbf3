package org.cmppgw.simulator.ismg;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.session.CmppSessionConfig;
import org.cmppgw.cmpp.session.client.CmppClientConfig;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Servers and SP connections of one socket test, all closed by {@link #close()}: an {@link IsmgServer} on
 * 127.0.0.1 port 0 and {@link SpClient}s on a small event-loop group of their own. Registered as an extension
 * ({@code @RegisterExtension}), it closes itself after each test.
 */
final class IsmgFixture implements AfterEachCallback {
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final EventLoopGroup clientLoops = new NioEventLoopGroup(2);
    private final List<AutoCloseable> open = new ArrayList<>();
    private IsmgServer server;

    /** The demo account, reports after {@code reportMillis}, {@code faults}, no MO. */
    static IsmgConfig config(long reportMillis, FaultConfig faults) {
        return new IsmgConfig(null, 0, 0, null, null, new ReportConfig(ReportDelay.fixed(reportMillis), null),
            faults, null);
    }

    static IsmgConfig config(long reportMillis) {
        return config(reportMillis, FaultConfig.defaults());
    }

    /** {@code accounts} instead of the demo account. */
    static IsmgConfig withAccounts(IsmgConfig config, IsmgAccountConfig... accounts) {
        return new IsmgConfig(config.host(), config.port(), config.metricsPort(), config.maxPendingReports(),
            List.of(accounts), config.reports(), config.faults(), config.mo());
    }

    /** The demo account with a connection limit, a TPS limit and a pinned version (null = none). */
    static IsmgAccountConfig demoAccount(Integer maxConnections, Integer tps, String version) {
        return new IsmgAccountConfig(SpClient.ACCOUNT, SpClient.SECRET, maxConnections, tps, null, version, null,
            null);
    }

    /** Faults with everything off but what the arguments say. */
    static FaultConfig faults(Boolean reportBeforeResponse, Boolean reportOnOtherConnection,
                              Long resendUnackedReportsAfterMillis, Long responseDelayMillis,
                              Integer withholdResponseEvery, Integer dropConnectionAfterSubmits,
                              Integer garbageEverySubmits, Boolean garbageFramed) {
        return new FaultConfig(reportBeforeResponse, reportOnOtherConnection, resendUnackedReportsAfterMillis, null,
            null, responseDelayMillis, null, withholdResponseEvery, null, dropConnectionAfterSubmits,
            garbageEverySubmits, garbageFramed);
    }

    IsmgServer start(IsmgConfig config) {
        return start(IsmgServer.builder(config));
    }

    IsmgServer start(IsmgConfig config, CmppSessionConfig ismgSessions) {
        return start(IsmgServer.builder(config).sessionConfig(ismgSessions));
    }

    /** Starts {@code builder} with this fixture's registry, a seeded random and 2 I/O threads. */
    IsmgServer start(IsmgServer.Builder builder) {
        server = builder.random(new Random(7)).registry(registry).ioThreads(2).start();
        open.add(server);
        return server;
    }

    IsmgServer server() {
        return server;
    }

    SpClient connect(CmppVersion version) throws Exception {
        return connect(SpClient.config(server.port()).version(version).build());
    }

    SpClient connect(CmppClientConfig config) throws Exception {
        SpClient client = SpClient.connect(clientLoops, config);
        open.add(0, client);
        return client;
    }

    EventLoopGroup clientLoops() {
        return clientLoops;
    }

    double counter(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    /** Closes the SP connections first, then the server, then the client loops; each wait is bounded. */
    void close() {
        for (AutoCloseable closeable : open) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("fixture - closing " + closeable + " failed", e);
            }
        }
        clientLoops.shutdownGracefully(0, SpClient.WAIT_SECONDS, TimeUnit.SECONDS)
            .awaitUninterruptibly(SpClient.WAIT_SECONDS, TimeUnit.SECONDS);
    }
}
