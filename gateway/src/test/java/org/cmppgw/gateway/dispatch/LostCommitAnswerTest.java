package org.cmppgw.gateway.dispatch;

import org.cmppgw.gateway.config.BacklogLimits;
import org.cmppgw.gateway.config.RoutingConfig;
import org.cmppgw.gateway.intake.DurableIntake;
import org.cmppgw.gateway.model.OutboundMessage;
import org.cmppgw.gateway.model.TemplateType;
import org.cmppgw.gateway.persistence.AcceptHook;
import org.cmppgw.gateway.persistence.IntakeStore;
import org.cmppgw.gateway.persistence.QueueEntry;
import org.cmppgw.gateway.persistence.StoreException;
import org.cmppgw.gateway.provider.cmpp.CmppProviderPool;
import org.cmppgw.gateway.provider.cmpp.TestIsmg;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cmppgw.gateway.dispatch.SendPathFixture.TIMEOUT;
import static org.cmppgw.gateway.dispatch.SendPathFixture.message;
import static org.cmppgw.gateway.dispatch.SendPathFixture.provider;

/**
 * An accept whose commit happened but whose answer was lost (the database connection dropped during COMMIT, as when a
 * Galera node is killed): the API answers 500, yet the messages are stored as taken by this node's memory, where they
 * never arrived. The intake hands them back to the store's queue, so they are sent all the same.
 */
class LostCommitAnswerTest extends SendPathTestBase {
    @Test
    void messagesStoredByAnAcceptThatReportedAFailureAreSentAllTheSame() {
        sentAllTheSame((entries, hook) -> fixture.store.admit(entries, hook).thenCompose(committed ->
            CompletableFuture.failedFuture(lost())));
    }

    @Test
    void messagesWhoseCommitShowsOnlyAfterTheFailureAreSentAllTheSame() {
        // the failure is reported first and the commit shows later, as on a Galera node that applies the killed node's
        // last write set after it answered: the first handing back finds nothing
        sentAllTheSame((entries, hook) -> {
            CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS)
                .execute(() -> fixture.store.admit(entries, hook));
            return CompletableFuture.failedFuture(lost());
        });
    }

    private static StoreException lost() {
        return new StoreException("store-accept-1 - write failed (connection lost during COMMIT)");
    }

    private void sentAllTheSame(BiFunction<List<QueueEntry>, AcceptHook, CompletableFuture<int[]>> lostAnswer) {
        TestIsmg ismg = fixture.track(TestIsmg.start("cmcc", 4));
        CmppProviderPool pool = fixture.pool(provider("cmcc", ismg.port(), 1, 16, 1000));
        Dispatcher dispatcher = fixture.dispatcher(List.of(pool), new RoutingConfig("", "", List.of()), 10);
        IntakeStore store = new IntakeStore() {
            @Override
            public CompletableFuture<Void> accept(List<OutboundMessage> messages) {
                return fixture.store.accept(messages);
            }

            @Override
            public CompletableFuture<int[]> admit(List<OutboundMessage> messages, List<TemplateType> types) {
                return fixture.store.admit(messages, types);
            }

            @Override
            public CompletableFuture<Long> maxMessageId() {
                return fixture.store.maxMessageId();
            }

            @Override
            public CompletableFuture<int[]> admit(List<QueueEntry> entries) {
                return admit(entries, null);
            }

            @Override
            public CompletableFuture<int[]> admit(List<QueueEntry> entries, AcceptHook hook) {
                return lostAnswer.apply(entries, hook);
            }
        };
        DurableIntake intake = new DurableIntake(store, dispatcher, fixture.ids,
            new QueueBacklog(new BacklogLimits(1000, 1000, Duration.ofHours(1)), fixture.metrics),
            SendPathFixture.TTL, 10, fixture.queue);

        // Up, so the messages are kept for memory (stored as taken by this node), not left to the refill.
        Await.until("the provider is up", TIMEOUT, pool::isAvailable);
        CompletableFuture<long[]> sent = intake.accept(List.of(message("13800138000", "a"),
            message("13800138001", "b")));

        assertThatThrownBy(sent::join).hasMessageContaining("connection lost during COMMIT");
        Await.until("both stored messages submitted", TIMEOUT, () -> ismg.submits() == 2, ismg::submits);
        Await.until("the queue is empty", TIMEOUT,
            () -> Await.result("count", fixture.queue.count()).total() == 0);
        assertThat(ismg.submits()).isEqualTo(2);
    }
}
