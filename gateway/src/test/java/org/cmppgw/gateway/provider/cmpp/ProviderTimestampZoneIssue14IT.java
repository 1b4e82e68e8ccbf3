package org.cmppgw.gateway.provider.cmpp;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import org.cmppgw.cmpp.auth.CmppTimestamp;
import org.cmppgw.cmpp.pdu.CmppConnectResp;
import org.cmppgw.cmpp.session.CmppSessionListener;
import org.cmppgw.cmpp.session.client.CmppClient;
import org.cmppgw.cmpp.session.client.CmppClientConfig;
import org.cmppgw.cmpp.session.client.CmppLoginException;
import org.cmppgw.gateway.config.ConfigLoader;
import org.cmppgw.gateway.config.ProviderConfig;
import org.cmppgw.simulator.ismg.IsmgConfig;
import org.cmppgw.simulator.ismg.IsmgServer;
import org.cmppgw.simulator.ismg.LoginConfig;
import org.cmppgw.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14, item 3, the gateway's side: {@code providers[].timestampZone} reaches the CONNECT Timestamp through
 * {@link CmppProviderPool#clientConfig}, and the simulator's {@code ismg.login} judges it (docs/cmpp-protocol.md §5.2).
 * Gateway and simulator share one {@link MutableClock}, so a login fails only when the zones differ.
 */
class ProviderTimestampZoneIssue14IT {
    private static final long WAIT_SECONDS = 10;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T12:00:00Z"));
    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private final List<IsmgServer> servers = new ArrayList<>();

    @AfterEach
    void close() {
        servers.forEach(IsmgServer::close);
        group.shutdownGracefully(0, WAIT_SECONDS, TimeUnit.SECONDS).awaitUninterruptibly(WAIT_SECONDS,
            TimeUnit.SECONDS);
    }

    @Test
    void aUtcProviderLogsInToASimulatorReadingUtcWithinOneSecond() throws Exception {
        IsmgServer utc = simulator(new LoginConfig("UTC", 1000L, "enforce"));

        ProviderConfig provider = provider(utc.port(), "timestampZone: UTC");
        assertThat(provider.timestampZone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(loginStatus(provider)).isEqualTo(CmppConnectResp.STATUS_OK);
        // the zone is what made it: the default provider writes Beijing time, eight hours off for this simulator
        assertThat(loginStatus(provider(utc.port(), ""))).isEqualTo(CmppConnectResp.STATUS_AUTH_FAILED);
    }

    @Test
    void theDefaultProviderLogsInToTheDefaultSimulator() throws Exception {
        IsmgServer beijing = simulator(LoginConfig.defaults());

        ProviderConfig provider = provider(beijing.port(), "");
        assertThat(provider.timestampZone()).isEqualTo(CmppTimestamp.BEIJING);
        assertThat(CmppProviderPool.clientConfig(provider, clock).zone()).isEqualTo(CmppTimestamp.BEIJING);
        assertThat(loginStatus(provider)).isEqualTo(CmppConnectResp.STATUS_OK);
    }

    private IsmgServer simulator(LoginConfig login) {
        IsmgServer server = IsmgServer.builder(IsmgConfig.defaults().withPort(0).withMetricsPort(0).withLogin(login))
            .clock(clock).ioThreads(1).start();
        servers.add(server);
        return server;
    }

    /** The simulator's demo account as a provider entry of gateway.yaml, with the built-in defaults. */
    private static ProviderConfig provider(int port, String extraKey) {
        String yaml = "{name: p, host: 127.0.0.1, port: " + port + ", account: '901234', password: secret, "
            + "accessNumber: '1069000001'" + (extraKey.isEmpty() ? "" : ", " + extraKey) + "}";
        return new ConfigLoader(Map.of()).parseSection("providers[]", yaml, ProviderConfig.class);
    }

    /** The CONNECT_RESP Status the provider's connection settings get (0: logged in, then closed). */
    private long loginStatus(ProviderConfig provider) throws Exception {
        CmppClientConfig config = CmppProviderPool.clientConfig(provider, clock);
        CmppSessionListener ignore = (session, request) -> { };
        try {
            CmppClient.connect(group, config, ignore).get(WAIT_SECONDS, TimeUnit.SECONDS).channel().close()
                .await(WAIT_SECONDS, TimeUnit.SECONDS);
            return CmppConnectResp.STATUS_OK;
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(CmppLoginException.class);
            return ((CmppLoginException) e.getCause()).status();
        }
    }
}
