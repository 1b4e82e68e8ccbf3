package org.cmppgw.gateway.dispatch;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import org.cmppgw.cmpp.sms.Segmenter;
import org.cmppgw.cmpp.sms.SegmenterOptions;
import org.cmppgw.gateway.config.RoutingConfig;
import org.cmppgw.gateway.model.MessageStatus;
import org.cmppgw.gateway.model.StoredMessage;
import org.cmppgw.gateway.persistence.MessageQueue;
import org.cmppgw.gateway.provider.cmpp.CmppProviderPool;
import org.cmppgw.gateway.provider.cmpp.PoolSettings;
import org.cmppgw.gateway.provider.cmpp.TestIsmg;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cmppgw.gateway.dispatch.SendPathFixture.TIMEOUT;
import static org.cmppgw.gateway.dispatch.SendPathFixture.provider;
import static org.cmppgw.gateway.dispatch.SendPathFixture.send;

/**
 * Crash recovery (docs/design.md §3, "the store is the queue"): what a node held in memory and never got a submit
 * outcome for goes back to the store's queue when it restarts, and is sent again, counted as a possible duplicate;
 * what only waited in the store is sent once, uncounted.
 */
class RestartTest extends SendPathTestBase {
    @Test
    void messagesInFlightWhenThePoolDiedAreSentAgainByTheNextOne() throws Exception {
        TestIsmg ismg = fixture.track(TestIsmg.start("cmcc", 4).answer(false));
        EventLoopGroup doomed = new NioEventLoopGroup(1);
        CmppProviderPool first = new CmppProviderPool(provider("cmcc", ismg.port(), 1, 16, 1000),
            fixture.shared(doomed, List.of(SendPathFixture.APP_CONFIG)), PoolSettings.defaults());
        Dispatcher before = new Dispatcher(List.of(first), new RoutingConfig("", "", List.of()),
            new DispatchCapacity(100), new Segmenter(SegmenterOptions.defaults()), fixture.metrics);
        before.start();
        Await.until("first pool logged in", TIMEOUT, first::isAvailable);
        long[] ids = send(fixture.intake(before), 5, "【签名】hello");
        Await.until("carrier got the 5 submits", TIMEOUT, () -> ismg.submits() == 5);

        // The crash: event loops gone without a drain; no SUBMIT_RESP was ever recorded.
        doomed.shutdownGracefully(0, 0, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        ismg.answer(true);
        int requeued = Await.result("requeue", fixture.queue.requeue(SendPathFixture.NODE));
        CmppProviderPool second = fixture.pool(provider("cmcc", ismg.port(), 1, 16, 1000));
        fixture.dispatcher(second);

        List<StoredMessage> stored = fixture.awaitAllFinal(ids);
        assertThat(requeued).isEqualTo(5);
        assertThat(stored).extracting(StoredMessage::status).containsOnly(MessageStatus.DELIVERED);
        assertThat(ismg.submits()).isEqualTo(10);
        assertThat(fixture.metrics.count("resent")).isGreaterThanOrEqualTo(5);
        assertThat(Await.result("pendingForResend", fixture.store.pendingForResend(SendPathFixture.NODE, 0, 10)))
            .isEmpty();
    }

    @Test
    void onlyWhatWasInMemoryIsRequeuedAsAResend() throws Exception {
        TestIsmg ismg = fixture.track(TestIsmg.start("cmcc", 4).answer(false));
        CmppProviderPool pool = fixture.pool(provider("cmcc", ismg.port(), 1, 16, 1000));
        Dispatcher dispatcher = fixture.dispatcher(List.of(pool), new RoutingConfig("", "", List.of()), 10);
        Await.until("pool logged in", TIMEOUT, pool::isAvailable);

        send(fixture.intake(dispatcher), 15, "【签名】hello");
        Await.until("10 submits in the window", TIMEOUT, () -> ismg.submits() == 10);

        assertThat(Await.result("pending", fixture.store.pendingForResend(SendPathFixture.NODE, 0, 100))).hasSize(15);
        assertThat(Await.result("requeue", fixture.queue.requeue(SendPathFixture.NODE))).isEqualTo(10);
        assertThat(fixture.metrics.count("resent")).isZero();
    }

    @Test
    void aGracefulStopPutsWhatNeverLeftMemoryBackUnmarked() throws Exception {
        TestIsmg ismg = fixture.track(TestIsmg.start("cmcc", 4));
        // 2 submits a second: most of the 30 are still queued in memory when the stop comes.
        CmppProviderPool pool = fixture.pool(provider("cmcc", ismg.port(), 1, 16, 2));
        Dispatcher dispatcher = new Dispatcher(List.of(pool), new RoutingConfig("", "", List.of()),
            new DispatchCapacity(100), new Segmenter(SegmenterOptions.defaults()), fixture.metrics);
        dispatcher.start();
        Await.until("pool logged in", TIMEOUT, pool::isAvailable);
        long[] ids = send(fixture.intake(dispatcher), 30, "【签名】hello");
        Await.until("the carrier got a first submit", TIMEOUT, () -> ismg.submits() >= 1);

        List<Long> unstarted = dispatcher.drain();
        Await.result("release", fixture.queue.release(unstarted));

        int submitted = ismg.submits();
        assertThat(unstarted).hasSize(ids.length - submitted).isNotEmpty();
        assertThat(Await.result("requeue", fixture.queue.requeue(SendPathFixture.NODE)))
            .as("every started message had its outcome stored by the drain").isZero();
        List<MessageQueue.Claimed> waiting = Await.result("claim",
            fixture.queue.claim(100, Long.MAX_VALUE, Set.of(), 3));
        assertThat(waiting).extracting(claimed -> claimed.message().msgId())
            .containsExactlyInAnyOrderElementsOf(unstarted);
        assertThat(waiting).noneMatch(MessageQueue.Claimed::resend);
    }
}
