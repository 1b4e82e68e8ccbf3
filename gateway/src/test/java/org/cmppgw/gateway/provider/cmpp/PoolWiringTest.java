package org.cmppgw.gateway.provider.cmpp;

import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoopGroup;
import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.auth.CmppTimestamp;
import org.cmppgw.gateway.config.AppConfig;
import org.cmppgw.gateway.config.CallbackUrl;
import org.cmppgw.gateway.config.CircuitBreakerConfig;
import org.cmppgw.gateway.config.FlowControlConfig;
import org.cmppgw.gateway.config.OutcomeBatchConfig;
import org.cmppgw.gateway.config.ProviderConfig;
import org.cmppgw.gateway.config.ReconnectConfig;
import org.cmppgw.gateway.config.Secret;
import org.cmppgw.gateway.metrics.GatewayMetrics;
import org.cmppgw.gateway.model.Channel;
import org.cmppgw.gateway.model.MessageIdGenerator;
import org.cmppgw.gateway.persistence.MessageStore;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a pool is put together: what it takes from its configuration and from the gateway's shared services, and how
 * its connections report to {@link Sessions}. No sockets: the pool is built but never started.
 */
class PoolWiringTest {
    private static ProviderConfig provider(FlowControlConfig flowControl, OutcomeBatchConfig outcomes,
                                           Duration drainTimeout) {
        return new ProviderConfig("cmcc-1", "", "", "127.0.0.1", 7890, "901234", new Secret("x"), "1069000001", 2,
            "SVC01", CmppVersion.V30, 16, 250, Duration.ofSeconds(30), 3, Duration.ofSeconds(60), 2,
            Duration.ofSeconds(5), new ReconnectConfig(Duration.ofSeconds(1), Duration.ofSeconds(60)),
            new CircuitBreakerConfig(50, 10, 4, Duration.ofSeconds(30), 2), flowControl, outcomes, drainTimeout,
            CmppTimestamp.BEIJING);
    }

    private static AppConfig app(String key, String extension) {
        return new AppConfig(key, new Secret("s"), List.of(new CallbackUrl("http://" + key + "/cb", true)), List.of(),
            0, 0, extension);
    }

    @Test
    void theProvidersConfiguredKnobsBecomeThePoolsSettingsAndTheRestKeepTheirDefaults() {
        PoolSettings settings = PoolSettings.of(provider(new FlowControlConfig(5, Duration.ofMillis(10),
            Duration.ofMillis(20)), new OutcomeBatchConfig(Duration.ofMillis(7), 250), Duration.ofSeconds(3)));
        PoolSettings defaults = PoolSettings.defaults();

        assertThat(settings.flowControlMaxTries()).isEqualTo(5);
        assertThat(settings.flowControlPauseMin()).isEqualTo(Duration.ofMillis(10));
        assertThat(settings.flowControlPauseMax()).isEqualTo(Duration.ofMillis(20));
        assertThat(settings.outcomeFlushDelay()).isEqualTo(Duration.ofMillis(7));
        assertThat(settings.outcomeBatchMax()).isEqualTo(250);
        assertThat(settings.drainTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.storeRetryDelay()).isEqualTo(defaults.storeRetryDelay());
        assertThat(settings.moStoreRetries()).isEqualTo(defaults.moStoreRetries());
        assertThat(settings.housekeepingPeriod()).isEqualTo(defaults.housekeepingPeriod());
        assertThat(settings.reassembly()).isEqualTo(defaults.reassembly());
    }

    @Test
    void theConfigDefaultsAreThePoolDefaults() {
        assertThat(PoolSettings.of(provider(FlowControlConfig.defaults(), OutcomeBatchConfig.defaults(),
            Duration.ofSeconds(15)))).isEqualTo(PoolSettings.defaults());
    }

    @Test
    void onlyAppsWithAnExtensionHaveOneInOrder() {
        SharedServices shared = shared(new DefaultEventLoopGroup(1), List.of(app("first", ""), app("shop", "77"),
            app("vip", "8")));

        assertThat(shared.appExtensions()).containsExactly(Map.entry("shop", "77"),
            Map.entry("vip", "8"));
        shared.group().shutdownGracefully(0, 0, TimeUnit.SECONDS);
    }

    @Test
    void aPoolBuiltFromItsConfigurationIsAnSmsProviderWithOneSlotPerConnection() {
        EventLoopGroup group = new DefaultEventLoopGroup(1);
        try {
            CmppProviderPool pool = new CmppProviderPool(provider(FlowControlConfig.defaults(),
                OutcomeBatchConfig.defaults(), Duration.ofSeconds(15)), shared(group, List.of(app("shop", "77"))));

            assertThat(pool.name()).isEqualTo("cmcc-1");
            assertThat(pool.channel()).isEqualTo(Channel.SMS);
            assertThat(pool.isAvailable()).as("not started").isFalse();
            assertThat(pool.activeSessions()).isZero();
            assertThat(pool.session(0)).isNull();
            assertThat(pool.session(1)).isNull();
            assertThat(pool.toString()).contains("sessions=0/2");
        } finally {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
        }
    }

    @Test
    void sessionsCountWhatIsUpAndIgnoreTheEndOfASessionAlreadyReplaced() {
        Sessions sessions = new Sessions("cmcc-1", 2);
        SessionPump first = pump(sessions);
        SessionPump second = pump(sessions);

        sessions.up(0, first);
        sessions.up(1, second);
        assertThat(sessions.active()).isEqualTo(2);
        assertThat(sessions.current(1)).isSameAs(second);

        assertThat(sessions.down(0, second)).as("not slot 0's session").isFalse();
        assertThat(sessions.active()).isEqualTo(2);
        assertThat(sessions.down(0, first)).isTrue();
        assertThat(sessions.down(0, first)).as("only once").isFalse();
        assertThat(sessions.active()).isEqualTo(1);
        assertThat(sessions.current(0)).isNull();
        // Neither pump is idle yet (no session of its own): a wake-up finds nobody to wake, and says nothing.
        sessions.wakeOne(null);

        assertThat(sessions.isClosing()).isFalse();
        sessions.close();
        assertThat(sessions.isClosing()).isTrue();
    }

    private static SessionPump pump(Sessions sessions) {
        return new SessionPump(new PoolServices("cmcc-1", 16, null, null, null, System::nanoTime, null, sessions,
            null, null, null, null, null, null, null, null, null), null);
    }

    private static SharedServices shared(EventLoopGroup group, List<AppConfig> apps) {
        MessageStore store = (MessageStore) Proxy.newProxyInstance(MessageStore.class.getClassLoader(),
            new Class<?>[] {MessageStore.class}, (proxy, method, args) -> {
                throw new UnsupportedOperationException(method.getName());
            });
        return SharedServices.of(store, GatewayMetrics.NOOP, Clock.systemUTC(), group,
            new MessageIdGenerator(1, Clock.systemUTC()), apps);
    }
}
