package org.cmppgw.gateway.persistence.jdbc;

import org.cmppgw.gateway.callback.outbox.OutboxPhase;
import org.cmppgw.gateway.model.CallbackTask;
import org.cmppgw.gateway.model.FinalReport;
import org.cmppgw.gateway.model.MessageIdGenerator;
import org.cmppgw.gateway.model.MessageStatus;
import org.cmppgw.gateway.model.OutboundMessage;
import org.cmppgw.gateway.model.ReportOutcome;
import org.cmppgw.gateway.model.SubmitOutcome;
import org.cmppgw.gateway.persistence.BatchWriter;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A fresh message's report callback is held in its message_final row (db/migration/V32__report_callback_in_final.sql):
 * no held_callback row is written or deleted for it, and whatever does not end in its delivery (a failed or put-off
 * attempt, an outcome never written, a restart, an adoption) moves it to the outbox under the negated msg_id.
 */
abstract class ReportsHeldInFinalsContract extends StoreFixture {
    private static final Duration LEASE = Duration.ofMinutes(1);
    private static final int NODE = 1;
    private final List<CallbackTask> handed = new CopyOnWriteArrayList<>();
    private long carrierIds = 60_000;

    @BeforeEach
    void nodeStarted() throws SQLException {
        // as the gateway does: its node row, then its own recovery, which writes the first mark
        insertNode(NODE);
        insertNode(2);
        assertThat(Await.result("reclaimOwnCallbacks", store.reclaimOwnCallbacks())).isZero();
        store.handNewCallbacksTo(handed::addAll);
    }

    @Test
    void aFreshMessagesReportCallbackIsHeldInItsFinalRowAndItsDeliveryIsTheOnlyWrite() {
        OutboundMessage m = delivered(freshMessage());

        CallbackTask task = onlyHandedTask();
        assertThat(task.id()).isEqualTo(-m.msgId());
        assertThat(task.held()).isTrue();
        assertThat(task.attempts()).isEqualTo(1);
        assertThat(task.url()).isEqualTo(CALLBACK);
        assertThat(task.payload()).isEqualTo(new FinalReport(m.msgId(), MOBILE, MessageStatus.DELIVERED, "DELIVRD",
            clock.instant()));
        assertThat(count("SELECT COUNT(*) FROM held_callback")).as("no row of its own").isZero();
        assertThat(count("SELECT COUNT(*) FROM callback_outbox")).isZero();
        assertThat(count("SELECT COUNT(*) FROM message_final WHERE msg_id = " + m.msgId() + " AND callback_node = "
            + NODE)).isEqualTo(1);
        assertThat(Await.result("claimCallbacks", store.claimCallbacks(10, LEASE))).as("held by this node").isEmpty();

        clock.advance(Duration.ofSeconds(2));
        Await.result("markCallbackSent", store.markCallbackSent(task));
        assertThat(count("SELECT COUNT(*) FROM message_final WHERE msg_id = " + m.msgId() + " AND callback_at = "
            + clock.millis() + " AND callback_attempts = 1")).isEqualTo(1);

        // delivered: neither a later claim nor a restart sends it again
        clock.advance(LEASE.multipliedBy(2));
        assertThat(Await.result("claimCallbacks", store.claimCallbacks(10, LEASE))).isEmpty();
        restart();
        assertThat(Await.result("reclaimOwnCallbacks", store.reclaimOwnCallbacks())).isZero();
        assertThat(count("SELECT COUNT(*) FROM callback_outbox")).isZero();
    }

    @Test
    void aFailedOrPutOffAttemptMovesItToTheOutboxUnderTheNegatedMsgId() {
        OutboundMessage a = delivered(freshMessage());
        OutboundMessage b = delivered(freshMessage());
        OutboundMessage c = delivered(freshMessage());
        assertThat(handed).extracting(CallbackTask::id).containsExactly(-a.msgId(), -b.msgId(), -c.msgId());

        Instant retryAt = clock.instant().plus(Duration.ofMinutes(3));
        Instant deferredTo = clock.instant().plus(Duration.ofMinutes(1));
        Await.result("rescheduleCallback", store.rescheduleCallback(-a.msgId(), retryAt));
        Await.result("deferCallback", store.deferCallback(-b.msgId(), deferredTo));
        Await.result("abandonCallback", store.abandonCallback(-c.msgId()));

        assertThat(count("SELECT COUNT(*) FROM message_final WHERE callback_node IS NOT NULL")).isZero();
        assertThat(count("SELECT COUNT(*) FROM callback_outbox WHERE id = " + -a.msgId() + " AND ref_id = "
            + a.msgId() + " AND url = '" + CALLBACK + "' AND due_at = " + retryAt.toEpochMilli()
            + " AND attempts = 1 AND claimed_by IS NULL")).as("rescheduled after its first attempt").isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM callback_outbox WHERE id = " + -b.msgId() + " AND due_at = "
            + deferredTo.toEpochMilli() + " AND attempts = 0")).as("deferred: not an attempt").isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM callback_outbox WHERE id = " + -c.msgId() + " AND due_at IS NULL"))
            .as("abandoned, kept").isEqualTo(1);

        clock.advance(Duration.ofMinutes(3));
        List<CallbackTask> retried = Await.result("claimCallbacks", store.claimCallbacks(10, LEASE));
        assertThat(retried).extracting(CallbackTask::id, CallbackTask::attempts, CallbackTask::held)
            .containsExactly(tuple(-b.msgId(), 1, false), tuple(-a.msgId(), 2, false));
        assertThat(retried.get(1).payload()).isEqualTo(handed.get(0).payload());

        clock.advance(Duration.ofSeconds(1));
        Await.result("markCallbackSent", store.markCallbackSent(retried.get(1)));
        assertThat(count("SELECT COUNT(*) FROM callback_outbox WHERE id = " + -a.msgId())).isZero();
        assertThat(count("SELECT COUNT(*) FROM message_final WHERE msg_id = " + a.msgId() + " AND callback_at = "
            + clock.millis() + " AND callback_attempts = 2")).isEqualTo(1);
    }

    @Test
    void oneWhoseOutcomeWasNeverWrittenIsSentAgainAfterTheLeaseByThisNodeOnly() {
        OutboundMessage m = delivered(freshMessage());
        onlyHandedTask();

        clock.advance(LEASE.minusSeconds(1));
        assertThat(Await.result("claimCallbacks", store.claimCallbacks(10, LEASE))).isEmpty();
        clock.advance(LEASE);
        JdbcMessageStore otherNode = openStore(openDataSource(), StoreSettings.defaults(2),
            BatchWriter.Listener.NONE);
        assertThat(Await.result("node 2 claims", otherNode.claimCallbacks(10, LEASE))).isEmpty();
        assertThat(Await.result("claimCallbacks", store.claimCallbacks(10, LEASE))).singleElement().satisfies(task -> {
            assertThat(task.id()).isEqualTo(-m.msgId());
            assertThat(task.attempts()).as("its second attempt").isEqualTo(2);
            assertThat(task.held()).isFalse();
        });
        assertThat(count("SELECT COUNT(*) FROM message_final WHERE callback_node IS NOT NULL")).isZero();
    }

    @Test
    void aRestartedNodeSendsAgainAtOnceWhatItHeldButNotWhatWasDelivered() {
        OutboundMessage sent = delivered(freshMessage());
        OutboundMessage unsent = delivered(freshMessage());
        OutboundMessage failed = delivered(freshMessage());
        Await.result("markCallbackSent", store.markCallbackSent(handed.get(0)));
        Await.result("rescheduleCallback", store.rescheduleCallback(-failed.msgId(),
            clock.instant().plus(Duration.ofMinutes(3))));

        restart();
        assertThat(Await.result("reclaimOwnCallbacks", store.reclaimOwnCallbacks())).isEqualTo(1);

        assertThat(Await.result("claimCallbacks", store.claimCallbacks(10, LEASE))).singleElement().satisfies(task -> {
            assertThat(task.id()).isEqualTo(-unsent.msgId());
            assertThat(task.attempts()).as("as after a lease expiry").isEqualTo(2);
            assertThat(task.payload()).isEqualTo(handed.get(1).payload());
        });
        assertThat(count("SELECT COUNT(*) FROM callback_outbox WHERE ref_id = " + sent.msgId())).isZero();
        assertThat(count("SELECT COUNT(*) FROM message_final WHERE callback_node IS NOT NULL AND callback_at = 0"))
            .as("none held any more").isZero();
    }

    @Test
    void anAdoptingNodeMakesADeadNodesHeldReportCallbacksDueAtOnce() throws SQLException {
        OutboundMessage m = delivered(freshMessage());
        onlyHandedTask();

        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            assertThat(OutboxPhase.reclaim(c, 2, clock.millis())).as("node 2 held none").isZero();
            assertThat(OutboxPhase.reclaim(c, NODE, clock.millis())).isEqualTo(1);
            c.commit();
        }
        assertThat(mark()).as("it holds none now: its next start has nothing to look through").isZero();
        JdbcMessageStore adopter = openStore(openDataSource(), StoreSettings.defaults(2),
            BatchWriter.Listener.NONE);
        assertThat(Await.result("node 2 claims", adopter.claimCallbacks(10, LEASE))).singleElement()
            .satisfies(task -> {
                assertThat(task.id()).isEqualTo(-m.msgId());
                assertThat(task.url()).isEqualTo(CALLBACK);
                assertThat(task.payload()).isEqualTo(handed.get(0).payload());
            });
    }

    @Test
    void theMarkStaysBelowEveryHeldCallbackAndFollowsTheClockOnceTheyAreDone() {
        OutboundMessage m = delivered(freshMessage());
        CallbackTask task = onlyHandedTask();

        clock.advance(Duration.ofMinutes(5));
        Await.result("claimCallbacks", store.claimCallbacks(10, Duration.ofHours(1)));
        assertThat(mark()).as("still held").isLessThanOrEqualTo(m.msgId()).isPositive();

        Await.result("markCallbackSent", store.markCallbackSent(task));
        clock.advance(Duration.ofSeconds(11));
        Await.result("claimCallbacks", store.claimCallbacks(10, Duration.ofHours(1)));
        assertThat(mark()).as("none held: the recent window, twice").isGreaterThan(m.msgId())
            .isLessThanOrEqualTo(MessageIdGenerator.firstIdOf(clock.millis()));
    }

    @Test
    void aLateReportsCallbackAndOneBeforeTheNodesFirstMarkKeepARowOfTheirOwn() {
        OutboundMessage old = accepted(freshMessage());
        clock.advance(Duration.ofMinutes(3));
        reported(old);
        assertThat(onlyHandedTask().id()).as("a generated id").isPositive();
        assertThat(count("SELECT COUNT(*) FROM held_callback WHERE ref_id = " + old.msgId())).isEqualTo(1);

        handed.clear();
        restart();
        store.handNewCallbacksTo(handed::addAll);
        OutboundMessage beforeMark = delivered(freshMessage());
        assertThat(onlyHandedTask().id()).isPositive();
        assertThat(count("SELECT COUNT(*) FROM held_callback WHERE ref_id = " + beforeMark.msgId())).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM message_final WHERE callback_node IS NOT NULL")).isZero();
    }

    /** A message accepted now, with a msg_id of this millisecond, as the gateway's are. */
    private OutboundMessage freshMessage() {
        return new OutboundMessage(timeOrderedId(), APP, MOBILE, "【签名】您的验证码是 123456", 7, 5, CALLBACK, 1,
            clock.instant());
    }

    private OutboundMessage accepted(OutboundMessage m) {
        Await.result("accept", store.accept(List.of(m)));
        return m;
    }

    private OutboundMessage delivered(OutboundMessage m) {
        return reported(accepted(m));
    }

    /** Submitted and delivered. */
    private OutboundMessage reported(OutboundMessage m) {
        long carrierId = ++carrierIds;
        Await.result("recordSubmitted", store.recordSubmitted(List.of(new SubmitOutcome(m.msgId(), 1, 1, PROVIDER,
            carrierId, 0, clock.instant()))));
        assertThat(Await.result("recordReport", store.recordReport(report(carrierId, "DELIVRD"))))
            .isEqualTo(ReportOutcome.FINAL);
        return m;
    }

    private CallbackTask onlyHandedTask() {
        assertThat(handed).hasSize(1);
        return handed.get(0);
    }

    private long mark() {
        return count("SELECT callback_mark FROM gateway_node WHERE node_id = " + NODE);
    }
}
