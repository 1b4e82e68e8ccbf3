package org.cmppgw.simulator.ismg;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.session.CmppSessionConfig;
import org.cmppgw.cmpp.session.SocketTransport;
import org.cmppgw.cmpp.session.server.CmppAccount;
import org.cmppgw.cmpp.session.server.CmppAccountRegistry;
import org.cmppgw.cmpp.session.server.CmppServer;
import org.cmppgw.cmpp.session.server.CmppServerConfig;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The running fake carrier (docs/design.md §6): a {@link CmppServer} whose accounts, SUBMIT answers, status reports, MO
 * and faults come from an {@link IsmgConfig}. CMPP 2.0 or 3.0 per connection, as the CONNECT asks (or as the
 * account is pinned to, refusing the other with Status 4 or 1, docs/cmpp-protocol.md §5.1); a login beyond the
 * account's {@code maxConnections} gets Status 5.
 *
 * <p>Embeddable: {@code IsmgServer.start(config.withPort(0), clock, registry)}, read {@link #port()}, and
 * {@link #close()} when done. Tests read an account's counters with {@link #traffic(String)}.
 *
 * <p>Threads: one acceptor and {@code ioThreads} event loops (default one: a loop wakes once for the PDUs of all its
 * connections, so more loops cost more wake-ups than they save on a small machine). Each connection is served on its
 * loop; one {@link IsmgTicker} on one loop moves due reports and MO to the connections. Nothing blocks, nothing takes
 * a lock per SUBMIT except the report heap's short one.
 */
public final class IsmgServer implements AutoCloseable {
    private static final long CLOSE_WAIT_SECONDS = 10;

    private final IsmgCore<IsmgConnection> core;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final CmppServer server;
    private final ScheduledFuture<?> tick;

    private IsmgServer(IsmgCore<IsmgConnection> core, EventLoopGroup boss, EventLoopGroup workers, CmppServer server,
                       ScheduledFuture<?> tick) {
        this.core = core;
        this.boss = boss;
        this.workers = workers;
        this.server = server;
        this.tick = tick;
    }

    /**
     * Starts an ISMG with the default session timers and the system's monotonic clock. Blocks until bound.
     *
     * @param config   the {@code ismg:} section; port 0 binds a free port
     * @param clock    wall clock for Msg_Ids, report times and CONNECT Timestamp checks
     * @param registry where the {@code cmpp.ismg.*} meters go
     */
    public static IsmgServer start(IsmgConfig config, Clock clock, MeterRegistry registry) {
        return builder(config).clock(clock).registry(registry).start();
    }

    /** Every knob: clocks, randomness, session timers, threads. */
    public static Builder builder(IsmgConfig config) {
        return new Builder(config);
    }

    /** The bound port (the configured one, or the one picked for port 0). */
    public int port() {
        return server.port();
    }

    public InetSocketAddress localAddress() {
        return server.localAddress();
    }

    public IsmgConfig config() {
        return core.config();
    }

    /** The registry the meters were registered in: what a {@code /metrics} endpoint scrapes. */
    public MeterRegistry registry() {
        return core.metrics().registry();
    }

    /**
     * The counters of {@code account} since start.
     *
     * @throws IllegalArgumentException when no such account is configured
     */
    public AccountTraffic traffic(String account) {
        return core.accounts().get(account).traffic();
    }

    /** Logged-in connections of {@code account} right now. */
    public int connections(String account) {
        return core.connections().count(account);
    }

    /** Reports waiting for their due time (or for room on a connection). */
    public int pendingReports() {
        return core.dispatcher().pending();
    }

    /** Stops the ticker, closes every connection at once (no TERMINATE) and the event loops. Waits a bounded time. */
    @Override
    public void close() {
        tick.cancel(false);
        server.close();
        boss.shutdownGracefully(0, CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        boss.terminationFuture().awaitUninterruptibly(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        workers.terminationFuture().awaitUninterruptibly(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** The accounts as the login handler sees them: secret, connection limit, pinned version (§5, §15 #10). */
    static CmppAccountRegistry registryOf(IsmgAccounts accounts) {
        List<CmppAccount> list = new ArrayList<>();
        for (IsmgAccount account : accounts.all()) {
            IsmgAccountConfig c = account.config();
            list.add(new CmppAccount(c.sourceAddr(), c.secret(), c.maxConnections(), Set.of(), c.pinnedVersion()));
        }
        return CmppAccountRegistry.of(list);
    }

    /** Assembles an {@link IsmgServer}; {@link #start()} binds it. */
    public static final class Builder {
        private final IsmgConfig config;
        private Clock clock = Clock.systemUTC();
        private LongSupplier nanoClock = System::nanoTime;
        private Random random = new Random();
        private MeterRegistry registry = new CompositeMeterRegistry();
        private CmppSessionConfig sessionConfig = CmppSessionConfig.defaults();
        private int ioThreads = 1;

        private Builder(IsmgConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /**
         * Wall clock (default: system UTC). Msg_Ids and report times are always in Asia/Shanghai; CONNECT Timestamps
         * are read in {@code ismg.login.timestampZone}.
         */
        public Builder clock(Clock value) {
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Monotonic clock for TPS, report due times and MO rate (default {@code System::nanoTime}). */
        public Builder nanoClock(LongSupplier value) {
            nanoClock = Objects.requireNonNull(value, "nanoClock");
            return this;
        }

        /** Randomness for Stat, delays and faults; seed it for repeatable runs. */
        public Builder random(Random value) {
            random = Objects.requireNonNull(value, "random");
            return this;
        }

        /** Meters (default: none kept). */
        public Builder registry(MeterRegistry value) {
            registry = Objects.requireNonNull(value, "registry");
            return this;
        }

        /**
         * Window, response timeout and re-sends of the ISMG's DELIVERs, heartbeat, login timeout (default: the
         * spec's, §12.1). A short response timeout makes unacknowledged reports come back quickly in tests.
         */
        public Builder sessionConfig(CmppSessionConfig value) {
            sessionConfig = Objects.requireNonNull(value, "sessionConfig");
            return this;
        }

        /** Event-loop threads for connections (default 1); 0 for Netty's default, twice the cores. */
        public Builder ioThreads(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("ioThreads: " + value + " (expected: >= 0)");
            }
            ioThreads = value;
            return this;
        }

        /** Binds and starts ticking. Blocks until bound; call it at start-up, not on an event loop. */
        public IsmgServer start() {
            IsmgCore<IsmgConnection> core = IsmgCore.create(config, clock, nanoClock, random, registry);
            EventLoopGroup boss = SocketTransport.newGroup(1, new DefaultThreadFactory("ismg-accept"));
            EventLoopGroup workers = SocketTransport.newGroup(ioThreads, new DefaultThreadFactory("ismg-io"));
            try {
                CmppServerConfig serverConfig = CmppServerConfig.builder().host(config.host()).port(config.port())
                    .sessionConfig(sessionConfig).clock(clock).zone(config.login().zone())
                    .timestampSkew(config.login().tolerance()).timestampCheck(config.login().check())
                    .highestVersion(CmppVersion.V30).strictVersion(true).build();
                CmppServer server = CmppServer.bind(boss, workers, serverConfig, registryOf(core.accounts()),
                    session -> new IsmgConnection(core, session));
                EventLoop tickLoop = workers.next();
                ScheduledFuture<?> tick = tickLoop.scheduleWithFixedDelay(new IsmgTicker(core),
                    IsmgTicker.PERIOD_MILLIS, IsmgTicker.PERIOD_MILLIS, TimeUnit.MILLISECONDS);
                return new IsmgServer(core, boss, workers, server, tick);
            } catch (Exception e) { // also the BindException that Netty's sync() rethrows undeclared
                boss.shutdownGracefully(0, 0, TimeUnit.SECONDS);
                workers.shutdownGracefully(0, 0, TimeUnit.SECONDS);
                throw e;
            }
        }
    }
}
