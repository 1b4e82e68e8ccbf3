package org.cmppgw.gateway.dispatch;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import org.cmppgw.cmpp.sms.Segmenter;
import org.cmppgw.cmpp.sms.SegmenterOptions;
import org.cmppgw.gateway.config.RoutingConfig;
import org.cmppgw.gateway.model.MessageStatus;
import org.cmppgw.gateway.model.StoredMessage;
import org.cmppgw.gateway.provider.cmpp.CmppProviderPool;
import org.cmppgw.gateway.provider.cmpp.PoolSettings;
import org.cmppgw.gateway.provider.cmpp.TestIsmg;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cmppgw.gateway.dispatch.SendPathFixture.TIMEOUT;
import static org.cmppgw.gateway.dispatch.SendPathFixture.provider;
import static org.cmppgw.gateway.dispatch.SendPathFixture.send;

/**
 * Crash recovery (docs/design.md §3): what was accepted but never got a submit outcome is sent again after a restart.
 */
class RestartTest extends SendPathTestBase {
    @Test
    void messagesInFlightWhenThePoolDiedAreSentAgainByTheNextOne() throws Exception {
        TestIsmg ismg = fixture.track(TestIsmg.start("cmcc", 4).answer(false));
        EventLoopGroup doomed = new NioEventLoopGroup(1);
        CmppProviderPool first = new CmppProviderPool(provider("cmcc", ismg.port(), 1, 16, 1000),
            fixture.shared(doomed, List.of(SendPathFixture.APP_CONFIG)), PoolSettings.defaults());
        Dispatcher before = new Dispatcher(List.of(first), new RoutingConfig("", "", List.of()),
            new DispatchCapacity(100), new Segmenter(SegmenterOptions.defaults()), fixture.metrics, fixture.clock,
            doomed);
        before.start();
        Await.until("first pool logged in", TIMEOUT, first::isAvailable);
        long[] ids = send(fixture.intake(before), 5, "【签名】hello");
        Await.until("carrier got the 5 submits", TIMEOUT, () -> ismg.submits() == 5);

        // The crash: event loops gone without a drain; no SUBMIT_RESP was ever recorded.
        doomed.shutdownGracefully(0, 0, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        ismg.answer(true);
        long ceiling = Await.result("maxMessageId", fixture.store.maxMessageId());
        CmppProviderPool second = fixture.pool(provider("cmcc", ismg.port(), 1, 16, 1000));
        Dispatcher after = fixture.dispatcher(second);
        Await.until("second pool logged in", TIMEOUT, second::isAvailable);
        int resent = Await.result("resendPending", after.resendPending(fixture.store, SendPathFixture.NODE, ceiling));

        List<StoredMessage> stored = fixture.awaitAllFinal(ids);
        assertThat(resent).isEqualTo(5);
        assertThat(stored).extracting(StoredMessage::status).containsOnly(MessageStatus.DELIVERED);
        assertThat(ismg.submits()).isEqualTo(10);
        assertThat(fixture.metrics.count("resent")).isGreaterThanOrEqualTo(5);
        assertThat(Await.result("pendingForResend", fixture.store.pendingForResend(SendPathFixture.NODE, 0, 10)))
            .isEmpty();
    }

    @Test
    void messagesAcceptedAfterTheRestartAreNotResends() throws Exception {
        TestIsmg ismg = fixture.track(TestIsmg.start("cmcc", 4).answer(false));
        CmppProviderPool pool = fixture.pool(provider("cmcc", ismg.port(), 1, 16, 1000));
        Dispatcher dispatcher = fixture.dispatcher(pool);
        long ceiling = Await.result("maxMessageId", fixture.store.maxMessageId());
        send(fixture.intake(dispatcher), 3, "【签名】hello");

        int resent = Await.result("resendPending",
            dispatcher.resendPending(fixture.store, SendPathFixture.NODE, ceiling));

        assertThat(resent).isZero();
        assertThat(fixture.metrics.count("resent")).isZero();
    }
}
