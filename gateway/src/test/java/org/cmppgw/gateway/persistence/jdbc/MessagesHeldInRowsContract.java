package org.cmppgw.gateway.persistence.jdbc;

import org.cmppgw.gateway.history.HistoryStore;
import org.cmppgw.gateway.model.MessagePriority;
import org.cmppgw.gateway.model.MessageStatus;
import org.cmppgw.gateway.model.OutboundMessage;
import org.cmppgw.gateway.model.Priorities;
import org.cmppgw.gateway.model.WithdrawOutcome;
import org.cmppgw.gateway.node.AdoptedMessages;
import org.cmppgw.gateway.persistence.MessageQueue.Backlog;
import org.cmppgw.gateway.persistence.MessageQueue.Claimed;
import org.cmppgw.gateway.persistence.MessageQueue.Depth;
import org.cmppgw.gateway.persistence.QueueEntry;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * A fresh message the accepting node keeps in memory is queued in its own message row
 * (db/migration/V33__held_in_message_row.sql): no held_message row is written or deleted for it, it counts as queued
 * wherever the store is read, and whatever takes it out of the node's memory without a submit (a restart, an adoption,
 * a stop, a failed accept, a minute without a submit) gives it a queue row.
 */
abstract class MessagesHeldInRowsContract extends StoreFixture {
    private static final int NODE = 1;
    private static final int ALL_RANKS = 3;
    private static final long TTL = 3_600_000;
    private JdbcMessageQueue queue;

    @BeforeEach
    void nodeStarted() throws SQLException {
        // as the gateway does: its node row, then its own recovery, which writes the first mark
        insertNode(NODE);
        insertNode(2);
        queue = start();
    }

    /** The node's queue on the current store, after its start's recovery. */
    private JdbcMessageQueue start() {
        JdbcMessageQueue q = track(new JdbcMessageQueue(dataSource, NODE, store.heldInRows(), clock));
        Await.result("requeue", q.requeue(NODE));
        assertThat(store.heldInRows().isMarked()).isTrue();
        return q;
    }

    @Test
    void aFreshMessageIsQueuedInItsRowUntilItsSubmitWhichWritesNoQueueRow() {
        OutboundMessage m = heldInRow(MessagePriority.HIGH, 1);

        assertThat(count("SELECT COUNT(*) FROM held_message") + count("SELECT COUNT(*) FROM pending_message"))
            .as("no queue row").isZero();
        assertThat(count("SELECT held_node FROM message WHERE msg_id = " + m.msgId())).isEqualTo(NODE);
        assertThat(status(m.msgId())).isEqualTo(MessageStatus.ACCEPTED);
        assertThat(Await.result("pending", store.pendingForResend(NODE, 0, 10))).containsExactly(m);
        assertThat(Await.result("not node 2's", store.pendingForResend(2, 0, 10))).isEmpty();
        Backlog backlog = backlog();
        assertThat(backlog.depths()).containsExactly(new Depth(PROVIDER, 0, false, 1));
        assertThat(backlog.byApp()).containsOnly(entry(APP, 1L));
        assertThat(scanned(m).pending()).isTrue();
        assertThat(Await.result("claim", queue.claim(10, clock.millis(), Set.of(), ALL_RANKS))).isEmpty();

        Await.result("submitted", store.recordSubmitted(List.of(submitted(m, 1, 9101))));

        assertThat(status(m.msgId())).isEqualTo(MessageStatus.SUBMITTED);
        assertThat(scanned(m).pending()).isFalse();
        assertThat(backlog().depths()).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM held_message") + count("SELECT COUNT(*) FROM pending_message"))
            .isZero();
        assertThat(Await.result("pending", store.pendingForResend(NODE, 0, 10))).isEmpty();
    }

    @Test
    void aLongMessageStaysQueuedUntilEveryPartHasAnAcceptedSubmit() {
        OutboundMessage m = heldInRow(MessagePriority.NORMAL, 2);

        Await.result("part 1", store.recordSubmitted(List.of(submitted(m, 1, 9201))));
        assertThat(status(m.msgId())).isEqualTo(MessageStatus.ACCEPTED);
        assertThat(backlog().depths()).containsExactly(new Depth(PROVIDER, 1, false, 1));

        Await.result("part 2", store.recordSubmitted(List.of(submitted(m, 2, 9202))));
        assertThat(status(m.msgId())).isEqualTo(MessageStatus.SUBMITTED);
        assertThat(backlog().depths()).isEmpty();
    }

    @Test
    void aRestartQueuesAgainAsResendsWhatWasHeldInRowsButNeitherTheSubmittedNorTheFinal() {
        OutboundMessage unsent = heldInRow(MessagePriority.LOW, 1);
        OutboundMessage halfSent = heldInRow(MessagePriority.HIGH, 2);
        OutboundMessage sent = heldInRow(MessagePriority.NORMAL, 1);
        OutboundMessage expired = heldInRow(MessagePriority.NORMAL, 1);
        Await.result("submitted", store.recordSubmitted(List.of(submitted(halfSent, 1, 9301),
            submitted(sent, 1, 9302))));
        Await.result("final", store.recordFinal(expired.msgId(), MessageStatus.FAILED, "GW:EXPIRED",
            clock.instant()));

        restart();
        queue = start();

        assertThat(count("SELECT held_mark FROM gateway_node WHERE node_id = " + NODE)).as("written again")
            .isPositive();
        assertThat(Await.result("requeue again", queue.requeue(NODE))).as("queued once").isZero();
        List<Claimed> again = Await.result("claim", queue.claim(10, clock.millis(), Set.of(), ALL_RANKS));
        assertThat(ids(again)).as("in rank order").containsExactly(halfSent.msgId(), unsent.msgId());
        assertThat(again).allMatch(Claimed::resend).noneMatch(Claimed::expired);
        assertThat(again.get(1).message()).isEqualTo(unsent);
        assertThat(count("SELECT COUNT(*) FROM pending_message WHERE msg_id = " + unsent.msgId() + " AND provider = '"
            + PROVIDER + "' AND expires_at = " + (unsent.acceptedAt().toEpochMilli() + TTL) + " AND due_at = "
            + unsent.acceptedAt().toEpochMilli())).isEqualTo(1);
    }

    @Test
    void anAdoptingNodeQueuesAgainADeadNodesMessagesHeldInRows() throws Exception {
        OutboundMessage unsent = heldInRow(MessagePriority.NORMAL, 1);
        OutboundMessage sent = heldInRow(MessagePriority.NORMAL, 1);
        Await.result("submitted", store.recordSubmitted(List.of(submitted(sent, 1, 9401))));
        execute("UPDATE gateway_node SET adopted_by = 2 WHERE node_id = " + NODE);

        try (AdoptedMessages adopter = new AdoptedMessages(dataSource, 2)) {
            assertThat(adopter.adopt(NODE).get()).isEqualTo(1);
        }

        JdbcMessageQueue node2 = track(new JdbcMessageQueue(dataSource, 2));
        List<Claimed> claimed = Await.result("claim", node2.claim(10, clock.millis(), Set.of(), ALL_RANKS));
        assertThat(ids(claimed)).containsExactly(unsent.msgId());
        assertThat(claimed.get(0).resend()).isTrue();
        assertThat(count("SELECT held_mark FROM gateway_node WHERE node_id = " + NODE)).as("nothing left to look for")
            .isZero();
    }

    @Test
    void aStopHandsBackWhatItHeldInRowsAsNeverSent() {
        OutboundMessage mine = heldInRow(MessagePriority.NORMAL, 1);

        assertThat(Await.result("release", queue.release(List.of(mine.msgId())))).isEqualTo(1);

        assertThat(store.heldInRows().removeAll(List.of(mine.msgId()))).as("out of memory").isEmpty();
        List<Claimed> again = Await.result("claim", queue.claim(10, clock.millis(), Set.of(), ALL_RANKS));
        assertThat(ids(again)).containsExactly(mine.msgId());
        assertThat(again.get(0).resend()).isFalse();
        Await.result("submitted", store.recordSubmitted(List.of(submitted(mine, 1, 9501))));
        assertThat(backlog().depths()).isEmpty();
    }

    @Test
    void aFailedAcceptWhoseCommitHappenedIsHandedBackFromItsRows() {
        OutboundMessage stored = heldInRow(MessagePriority.NORMAL, 1);
        // the commit's answer lost: the accept failed, so the node never took the message into its memory
        store.heldInRows().removeAll(List.of(stored.msgId()));

        assertThat(Await.result("release", queue.release(List.of(stored.msgId(), stored.msgId() + 1))))
            .isEqualTo(1);

        List<Claimed> again = Await.result("claim", queue.claim(10, clock.millis(), Set.of(), ALL_RANKS));
        assertThat(ids(again)).containsExactly(stored.msgId());
        assertThat(again.get(0).resend()).isFalse();
    }

    @Test
    void oneHeldLongerThanAMinuteGetsARowOfItsOwnAndTheMarkMovesOnPastIt() {
        OutboundMessage slow = heldInRow(MessagePriority.NORMAL, 1);
        long firstMark = count("SELECT held_mark FROM gateway_node WHERE node_id = " + NODE);
        assertThat(firstMark).isPositive().isLessThanOrEqualTo(slow.msgId());

        clock.advance(Duration.ofMinutes(6));
        // any write of the status lane keeps the mark: here, another message's submit
        OutboundMessage other = heldInRow(MessagePriority.NORMAL, 1);
        Await.result("submitted", store.recordSubmitted(List.of(submitted(other, 1, 9601))));

        assertThat(count("SELECT COUNT(*) FROM held_message WHERE node_id = " + NODE + " AND msg_id = "
            + slow.msgId())).isEqualTo(1);
        assertThat(count("SELECT held_mark FROM gateway_node WHERE node_id = " + NODE)).isGreaterThan(slow.msgId());
        assertThat(status(slow.msgId())).isEqualTo(MessageStatus.ACCEPTED);
        assertThat(backlog().depths()).containsExactly(new Depth(PROVIDER, 1, false, 1));

        restart();
        queue = start();
        List<Claimed> again = Await.result("claim", queue.claim(10, clock.millis(), Set.of(), ALL_RANKS));
        assertThat(ids(again)).containsExactly(slow.msgId());
        assertThat(again.get(0).resend()).isTrue();
    }

    @Test
    void aWithdrawTakesAMessageHeldInItsRowOutOfMemoryOnlyForItsNode() {
        OutboundMessage m = heldInRow(MessagePriority.NORMAL, 1);

        assertThat(Await.result("waiting", store.withdraw(m.msgId(), APP))).isEqualTo(WithdrawOutcome.SENDING);
        assertThat(Await.result("by node 2", store.withdrawHeld(m.msgId(), APP, 2)))
            .isEqualTo(WithdrawOutcome.SENDING);
        assertThat(Await.result("by its node", store.withdrawHeld(m.msgId(), APP, NODE)))
            .isEqualTo(WithdrawOutcome.WITHDRAWN);

        assertThat(status(m.msgId())).isEqualTo(MessageStatus.FAILED);
        assertThat(backlog().depths()).isEmpty();
        restart();
        queue = start();
        assertThat(Await.result("claim", queue.claim(10, clock.millis(), Set.of(), ALL_RANKS))).isEmpty();
    }

    @Test
    void beforeTheNodesMarkIsWrittenAFreshMessageGetsAHeldRow() {
        restart();
        assertThat(store.heldInRows().isMarked()).isFalse();

        OutboundMessage m = heldInRow(MessagePriority.NORMAL, 1);

        assertThat(count("SELECT COUNT(*) FROM held_message WHERE msg_id = " + m.msgId())).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM message WHERE held_node IS NOT NULL AND msg_id = " + m.msgId()))
            .isZero();
    }

    /** Accepted into this node's memory, due now; its row's priority is the queue's, as the accept stores it. */
    private OutboundMessage heldInRow(MessagePriority priority, int parts) {
        OutboundMessage m = new OutboundMessage(timeOrderedId(), APP, MOBILE, "【签名】hello", 7,
            Priorities.stored(priority), CALLBACK, parts, clock.instant());
        long now = clock.millis();
        Await.result("admit", store.admit(List.of(new QueueEntry(m, null, priority, PROVIDER, now, now + TTL,
            true))));
        return m;
    }

    private Backlog backlog() {
        return Await.result("count", queue.count());
    }

    private HistoryStore.Scanned scanned(OutboundMessage m) {
        List<HistoryStore.Scanned> page = new JdbcHistoryStore(dataSource).scan(m.msgId() - 1, m.msgId() + 1, 1);
        assertThat(page).hasSize(1);
        return page.get(0);
    }

    private static List<Long> ids(List<Claimed> claimed) {
        List<Long> ids = new ArrayList<>();
        claimed.forEach(c -> ids.add(c.message().msgId()));
        return ids;
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement statement = c.prepareStatement(sql)) {
            statement.executeUpdate();
        }
    }
}
