package org.cmppgw.gateway.dispatch;

import org.cmppgw.gateway.config.BacklogLimits;
import org.cmppgw.gateway.config.MessageTtl;
import org.cmppgw.gateway.config.RoutingConfig;
import org.cmppgw.gateway.intake.DurableIntake;
import org.cmppgw.gateway.model.MessageStatus;
import org.cmppgw.gateway.model.StoredMessage;
import org.cmppgw.gateway.provider.cmpp.CmppProviderPool;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cmppgw.gateway.dispatch.SendPathFixture.TIMEOUT;
import static org.cmppgw.gateway.dispatch.SendPathFixture.provider;

/**
 * Nothing waits in the store's queue forever (docs/design.md §3): a message whose provider never comes up is failed
 * with GW:EXPIRED once its time to live is over, and its callback is owed like any final status.
 */
class QueueExpiryTest extends SendPathTestBase {
    @Test
    void messagesWaitingForADeadProviderExpireWithTheirCallback() throws Exception {
        // Port 9 (discard) refuses: the provider never logs in, so the messages wait in the store.
        CmppProviderPool pool = fixture.pool(provider("cmcc", 9, 1, 16, 1000));
        Dispatcher dispatcher = fixture.dispatcher(List.of(pool), new RoutingConfig("", "", List.of()), 100);
        MessageTtl ttl = new MessageTtl(Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMillis(1), Map.of());
        DurableIntake intake = new DurableIntake(fixture.store, dispatcher, fixture.ids,
            new QueueBacklog(new BacklogLimits(1000, 1000, Duration.ofHours(1)), fixture.metrics), ttl, 100);

        long[] ids = SendPathFixture.send(intake, 3, "【签名】hello");

        List<StoredMessage> stored = fixture.awaitAllFinal(ids);
        assertThat(stored).allSatisfy(m -> {
            assertThat(m.status()).isEqualTo(MessageStatus.FAILED);
            assertThat(m.finalReport().stat()).isEqualTo(QueueRefill.STAT_EXPIRED);
        });
        assertThat(pool.isAvailable()).isFalse();
        assertThat(fixture.metrics.count("expired.unsent")).isEqualTo(3);
        assertThat(Await.result("callbacks", fixture.store.claimCallbacks(10, Duration.ofMinutes(1)))).hasSize(3);
        assertThat(dispatcher.capacity().inUse()).isZero();
        Await.until("the queue is empty", TIMEOUT,
            () -> Await.result("count", fixture.queue.count()).total() == 0);
    }
}
