package org.cmppgw.gateway.provider.cmpp;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.auth.CmppTimestamp;
import org.cmppgw.gateway.config.CircuitBreakerConfig;
import org.cmppgw.gateway.config.FlowControlConfig;
import org.cmppgw.gateway.config.OutcomeBatchConfig;
import org.cmppgw.gateway.config.ProviderConfig;
import org.cmppgw.gateway.config.ReconnectConfig;
import org.cmppgw.gateway.config.Secret;
import org.cmppgw.gateway.metrics.GatewayMetrics;
import org.cmppgw.gateway.model.MessageIdGenerator;
import org.cmppgw.gateway.persistence.MessageStore;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13: a pool opens sessions only for the connection slots its node holds and sends at its share of the TPS;
 * holding every slot (one node) is exactly the configured behaviour. Real sessions to a {@link TestIsmg} on 127.0.0.1.
 */
final class PoolSlots13Test {
    private static final int CONNECTIONS = 4;
    private static final int TPS = 800;

    private static ProviderConfig provider(int port) {
        return new ProviderConfig("cmcc-1", "", "", "127.0.0.1", port, "901234", new Secret(TestIsmg.SECRET),
            "1069000001", CONNECTIONS, "SVC01", CmppVersion.V30, 16, TPS, Duration.ofSeconds(30), 3,
            Duration.ofSeconds(60), 2, Duration.ofSeconds(5),
            new ReconnectConfig(Duration.ofMillis(100), Duration.ofMillis(500)),
            new CircuitBreakerConfig(50, 10, 4, Duration.ofSeconds(30), 2), FlowControlConfig.defaults(),
            OutcomeBatchConfig.defaults(), Duration.ofSeconds(2), CmppTimestamp.BEIJING);
    }

    private static BitSet slots(int... held) {
        BitSet set = new BitSet();
        for (int slot : held) {
            set.set(slot);
        }
        return set;
    }

    @Test
    void thePoolFollowsTheSlotsItHoldsAndItsShareOfTheTps() {
        EventLoopGroup group = new NioEventLoopGroup(2);
        try (TestIsmg ismg = TestIsmg.start("901234", 8)) {
            CmppProviderPool pool = new CmppProviderPool(provider(ismg.port()), shared(group));
            pool.hold(slots(0, 1));
            assertThat(pool.tps()).as("2 of 4 slots: half the TPS").isEqualTo(TPS / 2);

            pool.start();
            Await.until("the 2 held slots logged in", () -> pool.activeSessions() == 2 && ismg.connections() == 2);
            assertThat(pool.session(2)).isNull();
            assertThat(pool.session(3)).isNull();

            pool.hold(slots(0, 1, 2, 3));
            Await.until("every slot logged in", () -> pool.activeSessions() == CONNECTIONS
                && ismg.connections() == CONNECTIONS);
            assertThat(pool.tps()).as("all slots: the configured TPS").isEqualTo(TPS);

            pool.hold(slots(3));
            Await.until("slots 0..2 closed", () -> pool.activeSessions() == 1 && ismg.connections() == 1);
            assertThat(pool.session(3)).isNotNull();
            assertThat(pool.tps()).isEqualTo(TPS / 4);

            pool.hold(new BitSet());
            Await.until("no session", () -> pool.activeSessions() == 0 && ismg.connections() == 0);
            assertThat(pool.isAvailable()).isFalse();
            assertThat(pool.tps()).as("never 0: a limiter needs a rate").isEqualTo(1);

            pool.shutdown().join();
        } finally {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void theTpsShareIsProportionalToTheSlotsHeld() {
        TpsShare share = new TpsShare("cmcc-1", 500, 8);
        assertThat(share.tps()).isEqualTo(500);
        share.share(2);
        assertThat(share.tps()).isEqualTo(125);
        share.share(3);
        assertThat(share.tps()).isEqualTo(187);
        share.share(8);
        assertThat(share.tps()).isEqualTo(500);
        assertThat(share.reservePermission()).isZero();
    }

    private static SharedServices shared(EventLoopGroup group) {
        MessageStore store = (MessageStore) Proxy.newProxyInstance(MessageStore.class.getClassLoader(),
            new Class<?>[] {MessageStore.class}, (proxy, method, args) -> {
                throw new UnsupportedOperationException(method.getName());
            });
        return SharedServices.of(store, GatewayMetrics.NOOP, Clock.systemUTC(), group,
            new MessageIdGenerator(1, Clock.systemUTC()), List.of());
    }
}
