package org.cmppgw.gateway.persistence.jdbc;

import org.cmppgw.gateway.model.MessagePriority;
import org.cmppgw.gateway.model.MessageStatus;
import org.cmppgw.gateway.model.OutboundMessage;
import org.cmppgw.gateway.persistence.BatchWriter;
import org.cmppgw.gateway.persistence.MessageQueue.Backlog;
import org.cmppgw.gateway.persistence.MessageQueue.Claimed;
import org.cmppgw.gateway.persistence.MessageQueue.Depth;
import org.cmppgw.gateway.persistence.QueueEntry;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/**
 * The store as the queue (db/migration/V8__store_queue.sql), on whichever database the subclass gives: claims go by
 * priority, then due time, then msg id; a claimed message is nobody else's; a restarted node's messages come back as
 * resends; expired ones are claimed to be failed.
 */
abstract class QueueContract extends StoreFixture {
    private static final int ALL_RANKS = 3;
    JdbcMessageQueue queue;

    @BeforeEach
    final void openQueue() {
        queue = queue(1);
    }

    JdbcMessageQueue queue(int node) {
        JdbcMessageQueue q = new JdbcMessageQueue(dataSource, node);
        track(q);
        return q;
    }

    private long now() {
        return clock.millis();
    }

    /** A message waiting in the store, due {@code dueIn} millis from now. */
    OutboundMessage waiting(MessagePriority priority, String provider, long dueIn, long ttl) {
        OutboundMessage m = message(1);
        long due = now() + dueIn;
        Await.result("admit", store.admit(List.of(new QueueEntry(m, null, priority, provider, due, due + ttl,
            false))));
        return m;
    }

    OutboundMessage waiting(MessagePriority priority) {
        return waiting(priority, PROVIDER, 0, 3_600_000);
    }

    /** A message {@code on}'s node took into memory at its accept (a held_message row, V28). */
    OutboundMessage held(JdbcMessageStore on, MessagePriority priority) {
        OutboundMessage m = message(1);
        Await.result("admit", on.admit(List.of(new QueueEntry(m, null, priority, PROVIDER, now(), now() + 3_600_000,
            true))));
        return m;
    }

    private List<Long> ids(List<Claimed> claimed) {
        List<Long> ids = new ArrayList<>();
        claimed.forEach(c -> ids.add(c.message().msgId()));
        return ids;
    }

    @Test
    void claimsGoByPriorityThenDueTimeThenAcceptOrder() {
        OutboundMessage low = waiting(MessagePriority.LOW);
        OutboundMessage normalLater = waiting(MessagePriority.NORMAL, PROVIDER, -1_000, 3_600_000);
        OutboundMessage normalEarlier = waiting(MessagePriority.NORMAL, PROVIDER, -5_000, 3_600_000);
        OutboundMessage high = waiting(MessagePriority.HIGH);

        List<Claimed> claimed = Await.result("claim", queue.claim(10, now(), Set.of(), ALL_RANKS));

        assertThat(ids(claimed)).containsExactly(high.msgId(), normalEarlier.msgId(), normalLater.msgId(),
            low.msgId());
        assertThat(claimed).allSatisfy(c -> {
            assertThat(c.resend()).isFalse();
            assertThat(c.expired()).isFalse();
        });
        assertThat(claimed.get(0).message()).isEqualTo(high);
        assertThat(Await.result("claim again", queue.claim(10, now(), Set.of(), ALL_RANKS))).isEmpty();
    }

    @Test
    void aMessageIsNotClaimedBeforeItIsDueNorWhileItsProviderIsSkipped() {
        OutboundMessage later = waiting(MessagePriority.NORMAL, PROVIDER, 60_000, 3_600_000);
        OutboundMessage stalled = waiting(MessagePriority.NORMAL, "down-1", 0, 3_600_000);

        assertThat(Await.result("claim", queue.claim(10, now(), Set.of("down-1"), ALL_RANKS))).isEmpty();
        assertThat(ids(Await.result("claim", queue.claim(10, now(), Set.of(), ALL_RANKS))))
            .containsExactly(stalled.msgId());
        assertThat(ids(Await.result("claim", queue.claim(10, now() + 60_000, Set.of(), ALL_RANKS))))
            .containsExactly(later.msgId());
    }

    @Test
    void messagesOfAClaimWhoseCommitAnswerWasLostAreClaimedAgain() {
        OutboundMessage due = waiting(MessagePriority.NORMAL);
        OutboundMessage expired = waiting(MessagePriority.NORMAL, PROVIDER, 0, 1_000);
        AtomicInteger lost = new AtomicInteger();
        JdbcMessageQueue lossy = new JdbcMessageQueue(LostCommitAnswers.of(dataSource, lost), 1);
        track(lossy);

        // taken by node 1 in the store and in no node's memory: unless handed back, claimed again at its next start
        lost.set(1);
        assertThatThrownBy(() -> Await.result("expired", lossy.claimExpired(10, now() + 5_000)))
            .hasMessageContaining("answer was lost");
        assertThat(lost).as("the commit happened").hasValue(0);
        assertThat(ids(Await.result("expired", queue.claimExpired(10, now() + 5_000))))
            .containsExactly(expired.msgId());

        lost.set(1);
        assertThatThrownBy(() -> Await.result("claim", lossy.claim(10, now(), Set.of(), ALL_RANKS)))
            .hasMessageContaining("answer was lost");
        assertThat(lost).as("the commit happened").hasValue(0);
        assertThat(ids(Await.result("claim", queue.claim(10, now(), Set.of(), ALL_RANKS))))
            .containsExactly(due.msgId());
    }

    @Test
    void messagesOfALostClaimWhoseHandingBackFailedTooAreHandedBackByTheNextClaim() {
        OutboundMessage due = waiting(MessagePriority.NORMAL);
        AtomicInteger lost = new AtomicInteger(1);
        // after the lost answer the database stays unreachable for one more connection: the handing back's
        JdbcMessageQueue lossy = new JdbcMessageQueue(LostCommitAnswers.of(dataSource, lost, 1), 1);
        track(lossy);

        assertThatThrownBy(() -> Await.result("claim", lossy.claim(10, now(), Set.of(), ALL_RANKS)))
            .hasMessageContaining("answer was lost");
        assertThat(lost).as("the commit happened").hasValue(0);
        assertThat(Await.result("claim", queue.claim(10, now(), Set.of(), ALL_RANKS)))
            .as("still taken by node 1, in no node's memory").isEmpty();

        // node 1's next claim hands it back first, then takes it again, this time into its memory
        assertThat(ids(Await.result("claim", lossy.claim(10, now(), Set.of(), ALL_RANKS))))
            .containsExactly(due.msgId());
        assertThat(Await.result("claim", queue.claim(10, now(), Set.of(), ALL_RANKS))).isEmpty();
    }

    @Test
    void aClaimOfHighOnlyLeavesTheOthersWaiting() {
        waiting(MessagePriority.NORMAL);
        OutboundMessage high = waiting(MessagePriority.HIGH);

        assertThat(ids(Await.result("claim", queue.claim(10, now(), Set.of(), 1)))).containsExactly(high.msgId());
    }

    @Test
    void messagesKeptInMemoryAtAcceptAreNotClaimed() {
        OutboundMessage kept = message(1);
        Await.result("admit", store.admit(List.of(new QueueEntry(kept, null, MessagePriority.HIGH, PROVIDER, now(),
            now() + 1_000, true))));

        assertThat(Await.result("claim", queue.claim(10, now(), Set.of(), ALL_RANKS))).isEmpty();
        assertThat(Await.result("expired", queue.claimExpired(10, now() + 5_000))).isEmpty();
    }

    @Test
    void aRestartedNodeGetsWhatItHadInMemoryBackAsResendsAndNothingElse() {
        OutboundMessage mine = waiting(MessagePriority.NORMAL);
        OutboundMessage othersNode = waiting(MessagePriority.NORMAL);
        OutboundMessage stillWaiting = waiting(MessagePriority.LOW);
        Await.result("claim", queue.claim(1, now(), Set.of(), 2));
        Await.result("claim by node 2", queue(2).claim(1, now(), Set.of(), 2));

        assertThat(Await.result("requeue", queue.requeue(1))).isEqualTo(1);

        List<Claimed> again = Await.result("claim", queue.claim(10, now(), Set.of(), ALL_RANKS));
        assertThat(ids(again)).containsExactly(mine.msgId(), stillWaiting.msgId());
        assertThat(again.get(0).resend()).isTrue();
        assertThat(again.get(1).resend()).isFalse();
        assertThat(othersNode.msgId()).isNotIn(ids(again));
    }

    @Test
    void aStopReleasesWhatNeverLeftMemoryUnmarkedAndOnlyItsOwn() {
        OutboundMessage neverSent = waiting(MessagePriority.NORMAL);
        OutboundMessage started = waiting(MessagePriority.NORMAL);
        OutboundMessage othersNode = waiting(MessagePriority.NORMAL);
        Await.result("claim", queue.claim(2, now(), Set.of(), ALL_RANKS));
        Await.result("claim by node 2", queue(2).claim(1, now(), Set.of(), ALL_RANKS));

        Await.result("release", queue.release(List.of(neverSent.msgId(), othersNode.msgId())));
        assertThat(Await.result("requeue", queue.requeue(1))).as("only the started one is a possible resend")
            .isEqualTo(1);

        List<Claimed> again = Await.result("claim", queue.claim(10, now(), Set.of(), ALL_RANKS));
        assertThat(ids(again)).containsExactlyInAnyOrder(neverSent.msgId(), started.msgId());
        assertThat(again).filteredOn(claimed -> claimed.message().msgId() == neverSent.msgId())
            .extracting(Claimed::resend).containsExactly(false);
        assertThat(again).filteredOn(claimed -> claimed.message().msgId() == started.msgId())
            .extracting(Claimed::resend).containsExactly(true);
    }

    @Test
    void aRestartedNodeGetsWhatItHeldSinceAcceptBackAsResendsDueAsBefore() {
        JdbcMessageStore node2 = openStore(dataSource, StoreSettings.defaults(2), BatchWriter.Listener.NONE);
        OutboundMessage low = held(store, MessagePriority.LOW);
        OutboundMessage high = held(store, MessagePriority.HIGH);
        OutboundMessage othersNode = held(node2, MessagePriority.HIGH);
        assertThat(Await.result("claim before", queue.claim(10, now(), Set.of(), ALL_RANKS))).isEmpty();
        assertThat(Await.result("count before", queue.count()).total()).isEqualTo(3);

        assertThat(Await.result("requeue", queue.requeue(1))).isEqualTo(2);
        assertThat(Await.result("requeue again", queue.requeue(1))).isZero();

        List<Claimed> again = Await.result("claim", queue.claim(10, now(), Set.of(), ALL_RANKS));
        assertThat(ids(again)).as("in rank order").containsExactly(high.msgId(), low.msgId());
        assertThat(again).allMatch(Claimed::resend);
        assertThat(again.get(0).message()).isEqualTo(high);
        assertThat(status(othersNode.msgId())).isEqualTo(MessageStatus.ACCEPTED);
        assertThat(Await.result("count after", queue.count()).total()).isEqualTo(3);
        assertThat(Await.result("node 2's", queue(2).requeue(2))).isEqualTo(1);
        assertThat(ids(Await.result("claim node 2's", queue.claim(10, now(), Set.of(), ALL_RANKS))))
            .containsExactly(othersNode.msgId());
    }

    @Test
    void aStopReleasesWhatItHeldSinceAcceptUnmarkedAndOnlyItsOwn() {
        JdbcMessageStore node2 = openStore(dataSource, StoreSettings.defaults(2), BatchWriter.Listener.NONE);
        OutboundMessage mine = held(store, MessagePriority.NORMAL);
        OutboundMessage othersNode = held(node2, MessagePriority.NORMAL);

        assertThat(Await.result("release", queue.release(List.of(mine.msgId(), othersNode.msgId())))).isEqualTo(1);

        List<Claimed> again = Await.result("claim", queue.claim(10, now(), Set.of(), ALL_RANKS));
        assertThat(ids(again)).containsExactly(mine.msgId());
        assertThat(again.get(0).resend()).isFalse();
        assertThat(Await.result("requeue", queue.requeue(1))).as("claimed again: a possible resend now").isEqualTo(1);
    }

    @Test
    void aMessageHeldSinceAcceptIsAcceptedUntilItsPartsAreSubmittedAndThenLeavesTheQueue() {
        OutboundMessage m = held(store, MessagePriority.NORMAL);
        assertThat(status(m.msgId())).isEqualTo(MessageStatus.ACCEPTED);
        assertThat(Await.result("pending", store.pendingForResend(1, 0, 10))).containsExactly(m);
        assertThat(Await.result("not node 2's", store.pendingForResend(2, 0, 10))).isEmpty();

        Await.result("final", store.recordFinal(m.msgId(), MessageStatus.FAILED, "GW:EXPIRED",
            Instant.ofEpochMilli(now())));

        assertThat(Await.result("count", queue.count()).total()).isZero();
        assertThat(Await.result("requeue", queue.requeue(1))).isZero();
    }

    @Test
    void submitsLeaveTheQueueFromWhicheverTableHoldsEachMessage() {
        OutboundMessage heldOnly = held(store, MessagePriority.NORMAL);
        Await.result("held only", store.recordSubmitted(List.of(submitted(heldOnly, 1, 8101))));
        assertThat(Await.result("count after the held one", queue.count()).total()).isZero();

        OutboundMessage held = held(store, MessagePriority.NORMAL);
        OutboundMessage claimed = waiting(MessagePriority.NORMAL);
        OutboundMessage handedBack = held(store, MessagePriority.NORMAL);
        assertThat(ids(Await.result("claim", queue.claim(10, now(), Set.of(), ALL_RANKS))))
            .containsExactly(claimed.msgId());
        assertThat(Await.result("release", queue.release(List.of(handedBack.msgId())))).isEqualTo(1);
        assertThat(Await.result("count before", queue.count()).total()).isEqualTo(3);

        Await.result("one batch", store.recordSubmitted(List.of(submitted(held, 1, 8102),
            submitted(claimed, 1, 8103), submitted(handedBack, 1, 8104))));

        assertThat(Await.result("count after", queue.count()).total()).isZero();
        assertThat(Await.result("requeue", queue.requeue(1))).isZero();
        for (OutboundMessage m : List.of(heldOnly, held, claimed, handedBack)) {
            assertThat(status(m.msgId())).as("msg %d", m.msgId()).isEqualTo(MessageStatus.SUBMITTED);
        }
    }

    @Test
    void expiredMessagesAreClaimedToBeFailedWhateverTheirProvider() {
        OutboundMessage expiring = waiting(MessagePriority.NORMAL, "down-1", 0, 1_000);
        OutboundMessage fresh = waiting(MessagePriority.NORMAL, "down-1", 0, 3_600_000);

        assertThat(Await.result("expired now", queue.claimExpired(10, now()))).isEmpty();
        List<Claimed> expired = Await.result("expired later", queue.claimExpired(10, now() + 2_000));

        assertThat(ids(expired)).containsExactly(expiring.msgId());
        assertThat(expired.get(0).expired()).isTrue();
        List<Claimed> rest = Await.result("claim", queue.claim(10, now() + 2_000, Set.of(), ALL_RANKS));
        assertThat(ids(rest)).containsExactly(fresh.msgId());
        assertThat(rest.get(0).expired()).isFalse();
    }

    @Test
    void aFailedExpiredMessageLeavesTheQueue() {
        OutboundMessage expiring = waiting(MessagePriority.NORMAL, PROVIDER, 0, 1_000);
        Await.result("expired", queue.claimExpired(10, now() + 2_000));

        Await.result("final", store.recordFinal(expiring.msgId(), MessageStatus.FAILED, "GW:EXPIRED",
            Instant.ofEpochMilli(now() + 2_000)));

        assertThat(status(expiring.msgId())).isEqualTo(MessageStatus.FAILED);
        assertThat(Await.result("count", queue.count()).total()).isZero();
    }

    @Test
    void theBacklogIsCountedPerProviderRankPlaceAndApp() {
        waiting(MessagePriority.HIGH);
        waiting(MessagePriority.LOW);
        waiting(MessagePriority.LOW);
        waiting(MessagePriority.LOW, "cmcc-2", 0, 3_600_000);
        Await.result("claim", queue.claim(1, now(), Set.of(), ALL_RANKS));
        Await.result("other app", store.admit(List.of(QueueEntry.immediate(pulledMessage("app-2"), null))));
        // held since its accept: counted with the claimed one of its provider and rank
        held(store, MessagePriority.HIGH);

        Backlog backlog = Await.result("count", queue.count());

        assertThat(backlog.total()).isEqualTo(6);
        assertThat(backlog.byApp()).containsOnly(entry(APP, 5L), entry("app-2", 1L));
        assertThat(backlog.depths()).containsExactlyInAnyOrder(new Depth(PROVIDER, 0, false, 2),
            new Depth(PROVIDER, 2, true, 2), new Depth("cmcc-2", 2, true, 1), new Depth("", 1, false, 1));
    }
}
