package org.cmppgw.gateway.persistence.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import org.cmppgw.gateway.model.CallbackTask;
import org.cmppgw.gateway.model.CallbackType;
import org.cmppgw.gateway.model.FinalReport;
import org.cmppgw.gateway.model.MessageStatus;
import org.cmppgw.gateway.model.MoMessage;
import org.cmppgw.gateway.model.OutboundMessage;
import org.cmppgw.gateway.model.ReportOutcome;
import org.cmppgw.gateway.persistence.BatchWriter;
import org.cmppgw.gateway.persistence.StoreOverloadedException;
import org.cmppgw.gateway.persistence.WriterGate;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * What the store hands out after a final status: the callback outbox (claims, retries), MO replies, report pulls;
 * and how its writer behaves under load (group commit, back-pressure).
 */
abstract class OutboxContract extends StoreFixture {
    private static final Duration LEASE = Duration.ofMinutes(1);

    /** A delivered message with a callback, so one SMS_REPORT outbox row. */
    OutboundMessage deliveredWithCallback(long carrierId) {
        OutboundMessage m = submittedMessage(1, carrierId);
        assertThat(Await.result("recordReport", store.recordReport(report(carrierId, "DELIVRD"))))
            .isEqualTo(ReportOutcome.FINAL);
        return m;
    }

    @Test
    void twoConcurrentClaimersNeverGetTheSameRow() throws Exception {
        int rows = 120;
        for (int i = 0; i < rows; i++) {
            deliveredWithCallback(20_000 + i);
        }
        HikariDataSource otherPool = openDataSource();
        JdbcMessageStore otherNode = openStore(otherPool, StoreSettings.defaults(2), BatchWriter.Listener.NONE);
        ExecutorService claimers = Executors.newFixedThreadPool(2);
        try {
            Future<List<Long>> a = claimers.submit(claimAll(store));
            Future<List<Long>> b = claimers.submit(claimAll(otherNode));
            List<Long> all = new ArrayList<>(Await.result("node 1's claims", a));
            all.addAll(Await.result("node 2's claims", b));

            assertThat(all).doesNotHaveDuplicates().hasSize(rows);
        } finally {
            claimers.shutdownNow();
        }
    }

    private static Callable<List<Long>> claimAll(JdbcMessageStore claimer) {
        return () -> {
            List<Long> ids = new ArrayList<>();
            for (List<CallbackTask> tasks = Await.result("claim", claimer.claimCallbacks(7, LEASE)); !tasks.isEmpty();
                 tasks = Await.result("claim", claimer.claimCallbacks(7, LEASE))) {
                tasks.forEach(task -> ids.add(task.id()));
            }
            return ids;
        };
    }

    @Test
    void claimedRowsComeBackWhenTheLeaseRunsOutAndByDueTimeWhenRescheduled() {
        OutboundMessage a = deliveredWithCallback(21_001);
        OutboundMessage b = deliveredWithCallback(21_002);
        OutboundMessage c = deliveredWithCallback(21_003);
        List<CallbackTask> first = Await.result("claimCallbacks", store.claimCallbacks(10, LEASE));
        assertThat(first).extracting(t -> ((FinalReport) t.payload()).msgId())
            .containsExactly(a.msgId(), b.msgId(), c.msgId());
        assertThat(Await.result("claimCallbacks", store.claimCallbacks(10, LEASE))).as("leased").isEmpty();

        Await.result("rescheduleCallback",
            store.rescheduleCallback(first.get(0).id(), clock.instant().plus(Duration.ofMinutes(10))));
        Await.result("rescheduleCallback",
            store.rescheduleCallback(first.get(1).id(), clock.instant().plus(Duration.ofMinutes(5))));
        Await.result("markCallbackSent", store.markCallbackSent(first.get(2)));

        clock.advance(Duration.ofMinutes(4));
        assertThat(Await.result("claimCallbacks", store.claimCallbacks(10, LEASE))).isEmpty();
        clock.advance(Duration.ofMinutes(7));
        List<CallbackTask> retried = Await.result("claimCallbacks", store.claimCallbacks(10, LEASE));
        assertThat(retried).extracting(CallbackTask::id).containsExactly(first.get(1).id(), first.get(0).id());
        assertThat(retried).extracting(CallbackTask::attempts).containsOnly(2);

        clock.advance(LEASE.plusSeconds(1));
        assertThat(Await.result("claimCallbacks", store.claimCallbacks(10, LEASE)))
            .as("lease over: due again").hasSize(2);
        Await.result("abandonCallback", store.abandonCallback(first.get(0).id()));
        Await.result("markCallbackSent", store.markCallbackSent(first.get(1)));
        clock.advance(Duration.ofDays(1));
        assertThat(Await.result("claimCallbacks", store.claimCallbacks(10, LEASE))).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM callback_outbox")).as("the abandoned row is kept").isEqualTo(1);
    }

    @Test
    void aDeferredClaimIsNotCountedAsAnAttempt() {
        OutboundMessage m = deliveredWithCallback(21_101);
        CallbackTask first = Await.result("claimCallbacks", store.claimCallbacks(10, LEASE)).get(0);
        assertThat(first.attempts()).isEqualTo(1);

        Await.result("deferCallback", store.deferCallback(first.id(), clock.instant().plus(Duration.ofSeconds(30))));
        clock.advance(Duration.ofSeconds(29));
        assertThat(Await.result("claimCallbacks", store.claimCallbacks(10, LEASE))).as("not due yet").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        CallbackTask again = Await.result("claimCallbacks", store.claimCallbacks(10, LEASE)).get(0);
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.attempts()).as("the deferred claim was taken back").isEqualTo(1);

        Await.result("rescheduleCallback", store.rescheduleCallback(again.id(), clock.instant()));
        List<CallbackTask> second = Await.result("claimCallbacks", store.claimCallbacks(10, LEASE));
        assertThat(second).extracting(CallbackTask::attempts).containsExactly(2);

        // Sent: the row leaves the outbox, and the message keeps when and after how many attempts (the console).
        assertThat(count("SELECT COUNT(*) FROM message_final WHERE msg_id = " + m.msgId() + " AND callback_at = 0"))
            .as("not acknowledged yet").isEqualTo(1);
        clock.advance(Duration.ofSeconds(3));
        Await.result("markCallbackSent", store.markCallbackSent(second.get(0)));
        assertThat(count("SELECT COUNT(*) FROM callback_outbox")).isZero();
        assertThat(count("SELECT COUNT(*) FROM message_final WHERE msg_id = " + m.msgId() + " AND callback_at = "
            + clock.millis() + " AND callback_attempts = 2")).isEqualTo(1);
    }

    @Test
    void newCallbacksAreHandedOverHeldAndAnUnfinishedOneComesBackToItsNodeAfterTheLease() {
        List<CallbackTask> handed = new CopyOnWriteArrayList<>();
        store.handNewCallbacksTo(handed::addAll);
        OutboundMessage m = deliveredWithCallback(35_001);
        MoMessage mo = new MoMessage(nextId(), PROVIDER, 35_002, APP, CALLBACK, MOBILE, "1069", "TD", clock.instant());
        assertThat(Await.result("storeMo", store.storeMo(mo))).isTrue();

        // Handed over by the time the writes complete, with the payloads a claim would have read.
        assertThat(handed).hasSize(2).allMatch(CallbackTask::held);
        CallbackTask report = handed.get(0);
        assertThat(report.attempts()).isEqualTo(1);
        assertThat(report.url()).isEqualTo(CALLBACK);
        assertThat(report.payload()).isEqualTo(new FinalReport(m.msgId(), MOBILE, MessageStatus.DELIVERED, "DELIVRD",
            clock.instant()));
        assertThat(handed.get(1).payload()).isEqualTo(mo);
        assertThat(count("SELECT COUNT(*) FROM held_callback WHERE node_id = 1")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM callback_outbox")).as("no outbox row, no due-time index entry").isZero();
        assertThat(Await.result("claimCallbacks", store.claimCallbacks(10, LEASE)))
            .as("held by this node").isEmpty();

        // Sent: its held row goes, and the message keeps when and after how many attempts.
        clock.advance(Duration.ofSeconds(2));
        Await.result("markCallbackSent", store.markCallbackSent(report));
        assertThat(count("SELECT COUNT(*) FROM held_callback")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM message_final WHERE msg_id = " + m.msgId() + " AND callback_at = "
            + clock.millis() + " AND callback_attempts = 1")).isEqualTo(1);

        // The other one's outcome was never written (the store was down then): within the lease it stays held; after
        // it, this node's next claims take it back, and no other node's (a dead node's go to its adopter).
        clock.advance(LEASE.minusSeconds(3));
        assertThat(Await.result("claimCallbacks", store.claimCallbacks(10, LEASE))).isEmpty();
        clock.advance(LEASE.multipliedBy(2));
        JdbcMessageStore otherNode = openStore(openDataSource(), StoreSettings.defaults(2), BatchWriter.Listener.NONE);
        assertThat(Await.result("node 2 claims", otherNode.claimCallbacks(10, LEASE))).isEmpty();
        assertThat(Await.result("claimCallbacks", store.claimCallbacks(10, LEASE))).singleElement().satisfies(task -> {
            assertThat(task.id()).isEqualTo(handed.get(1).id());
            assertThat(task.attempts()).as("its second attempt").isEqualTo(2);
            assertThat(task.held()).isFalse();
            assertThat(task.payload()).isEqualTo(mo);
        });
        assertThat(count("SELECT COUNT(*) FROM held_callback")).isZero();
    }

    @Test
    void aHeldCallbackThatFailsMovesToTheOutboxAsAnAttemptedRow() {
        List<CallbackTask> handed = new CopyOnWriteArrayList<>();
        store.handNewCallbacksTo(handed::addAll);
        deliveredWithCallback(38_001);
        deliveredWithCallback(38_002);
        deliveredWithCallback(38_003);
        assertThat(handed).hasSize(3);

        Instant retryAt = clock.instant().plus(Duration.ofMinutes(3));
        Instant deferredTo = clock.instant().plus(Duration.ofMinutes(1));
        Await.result("rescheduleCallback", store.rescheduleCallback(handed.get(0).id(), retryAt));
        Await.result("deferCallback", store.deferCallback(handed.get(1).id(), deferredTo));
        Await.result("abandonCallback", store.abandonCallback(handed.get(2).id()));

        assertThat(count("SELECT COUNT(*) FROM held_callback")).isZero();
        assertThat(count("SELECT COUNT(*) FROM callback_outbox WHERE claimed_by IS NULL")).isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM callback_outbox WHERE id = " + handed.get(0).id() + " AND due_at = "
            + retryAt.toEpochMilli() + " AND attempts = 1")).as("rescheduled after its first attempt").isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM callback_outbox WHERE id = " + handed.get(1).id() + " AND due_at = "
            + deferredTo.toEpochMilli() + " AND attempts = 0")).as("deferred: not an attempt").isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM callback_outbox WHERE id = " + handed.get(2).id()
            + " AND due_at IS NULL")).as("abandoned, kept").isEqualTo(1);

        clock.advance(Duration.ofMinutes(3));
        assertThat(Await.result("claimCallbacks", store.claimCallbacks(10, LEASE)))
            .extracting(CallbackTask::id, CallbackTask::attempts, CallbackTask::held)
            .containsExactly(tuple(handed.get(1).id(), 1, false), tuple(handed.get(0).id(), 2, false));
    }

    @Test
    void aRestartedNodeTakesBackItsOwnClaimsAtOnceButNotOtherNodesNorRescheduledRows() {
        List<CallbackTask> handed = new CopyOnWriteArrayList<>();
        store.handNewCallbacksTo(handed::addAll);
        deliveredWithCallback(37_001);
        store.handNewCallbacksTo(null);
        deliveredWithCallback(37_002);
        deliveredWithCallback(37_003);
        deliveredWithCallback(37_004);
        JdbcMessageStore otherNode = openStore(openDataSource(), StoreSettings.defaults(2), BatchWriter.Listener.NONE);
        CallbackTask othersClaim = Await.result("node 2 claims", otherNode.claimCallbacks(1, LEASE)).get(0);
        List<CallbackTask> claimed = Await.result("node 1 claims", store.claimCallbacks(10, LEASE));
        assertThat(claimed).hasSize(2);
        Await.result("rescheduleCallback",
            store.rescheduleCallback(claimed.get(1).id(), clock.instant().plus(Duration.ofMinutes(3))));

        restart();
        int reclaimed = Await.result("reclaimOwnCallbacks", store.reclaimOwnCallbacks());

        // The held row and the claimed one: due at once, not after the lease; same attempt count as a lease expiry.
        assertThat(reclaimed).isEqualTo(2);
        List<CallbackTask> again = Await.result("claimCallbacks", store.claimCallbacks(10, LEASE));
        assertThat(again).extracting(CallbackTask::id, CallbackTask::attempts)
            .containsExactlyInAnyOrder(tuple(handed.get(0).id(), 2), tuple(claimed.get(0).id(), 2));
        for (CallbackTask task : again) {
            Await.result("markCallbackSent", store.markCallbackSent(task));
        }
        clock.advance(LEASE.plusSeconds(1));
        assertThat(Await.result("claimCallbacks", store.claimCallbacks(10, LEASE))).extracting(CallbackTask::id)
            .as("node 2's claim waited out its lease; the rescheduled row keeps its due time")
            .containsExactly(othersClaim.id());
    }

    @Test
    void afterTheHandingOverStopsNewCallbacksAreDueAtOnce() {
        List<CallbackTask> handed = new CopyOnWriteArrayList<>();
        store.handNewCallbacksTo(handed::addAll);
        store.handNewCallbacksTo(null);

        OutboundMessage m = deliveredWithCallback(36_001);

        assertThat(handed).isEmpty();
        assertThat(Await.result("claimCallbacks", store.claimCallbacks(10, LEASE))).singleElement().satisfies(task -> {
            assertThat(task.attempts()).isEqualTo(1);
            assertThat(((FinalReport) task.payload()).msgId()).isEqualTo(m.msgId());
        });
    }

    @Test
    void moIsStoredOnceAndSentAsReplyAndPulled() {
        MoMessage mo = new MoMessage(nextId(), PROVIDER, 31_001, APP, CALLBACK, MOBILE, "10690000011234", "TD",
            clock.instant());
        MoMessage unrouted = new MoMessage(nextId(), PROVIDER, 31_002, null, null, MOBILE, "1069", "hi",
            clock.instant());

        assertThat(Await.result("storeMo", store.storeMo(mo))).isTrue();
        assertThat(Await.result("storeMo", store.storeMo(new MoMessage(nextId(), PROVIDER, 31_001, APP, CALLBACK,
            MOBILE, "10690000011234", "TD", clock.instant())))).as("repeated DELIVER").isFalse();
        assertThat(Await.result("storeMo", store.storeMo(unrouted))).isTrue();

        List<CallbackTask> tasks = Await.result("claimCallbacks", store.claimCallbacks(10, LEASE));
        assertThat(tasks).singleElement().satisfies(task -> {
            assertThat(task.type()).isEqualTo(CallbackType.SMS_REPLY);
            assertThat(task.payload()).isEqualTo(mo);
        });
        assertThat(Await.result("pullReplies", store.pullReplies(APP, 10))).containsExactly(mo);
        assertThat(Await.result("pullReplies", store.pullReplies(APP, 10))).isEmpty();
    }

    @Test
    void aTypeTheAppDoesNotTakeGetsNoOutboxRowAndStaysPullable() {
        store.close();
        store = openStore(dataSource, new StoreSettings(1, StoreSettings.DEFAULT_QUEUE_CAPACITY,
            StoreSettings.DEFAULT_MAX_BATCH_ROWS, Duration.ofSeconds(30),
            (appKey, type) -> !(APP.equals(appKey) && type == CallbackType.SMS_REPLY)), BatchWriter.Listener.NONE);
        MoMessage mo = new MoMessage(nextId(), PROVIDER, 31_101, APP, CALLBACK, MOBILE, "10690000011234", "TD",
            clock.instant());
        OutboundMessage m = message(1);
        Await.result("accept", store.accept(List.of(m)));
        Await.result("recordSubmitted", store.recordSubmitted(List.of(submitted(m, 1, 33_000))));

        assertThat(Await.result("storeMo", store.storeMo(mo))).isTrue();
        Await.result("recordReport", store.recordReport(report(33_000, "DELIVRD")));

        assertThat(Await.result("claimCallbacks", store.claimCallbacks(10, LEASE)))
            .as("SMS_REPORT is still called back, SMS_REPLY is not").singleElement()
            .satisfies(task -> assertThat(task.type()).isEqualTo(CallbackType.SMS_REPORT));
        assertThat(Await.result("pullReplies", store.pullReplies(APP, 10))).containsExactly(mo);
    }

    @Test
    void reportPullReturnsEachFinalReportOnceOldestFirst() {
        String app = "pull-app";
        List<OutboundMessage> messages = new ArrayList<>();
        OutboundMessage notFinal = pulledMessage(app);
        Await.result("accept", store.accept(List.of(notFinal)));
        Await.result("recordSubmitted", store.recordSubmitted(List.of(submitted(notFinal, 1, 32_100))));
        for (int i = 0; i < 3; i++) {
            OutboundMessage m = pulledMessage(app);
            Await.result("accept", store.accept(List.of(m)));
            Await.result("recordSubmitted", store.recordSubmitted(List.of(submitted(m, 1, 32_000 + i))));
            Await.result("recordReport", store.recordReport(report(32_000 + i, i == 1 ? "EXPIRED" : "DELIVRD")));
            messages.add(m);
        }

        List<FinalReport> firstPull = Await.result("pullReports", store.pullReports(app, 2));
        assertThat(firstPull).extracting(FinalReport::msgId)
            .containsExactly(messages.get(0).msgId(), messages.get(1).msgId());
        assertThat(firstPull.get(1).status()).isEqualTo(MessageStatus.FAILED);
        assertThat(firstPull.get(1).stat()).isEqualTo("EXPIRED");
        assertThat(Await.result("pullReports", store.pullReports(app, 10))).extracting(FinalReport::msgId)
            .containsExactly(messages.get(2).msgId());
        assertThat(Await.result("pullReports", store.pullReports(app, 10))).isEmpty();
        assertThat(Await.result("pullReports", store.pullReports(APP, 10))).isEmpty();
        assertThat(Await.result("claimCallbacks", store.claimCallbacks(10, LEASE)))
            .as("no callback URL, no outbox row").isEmpty();
    }

    @Test
    void onePullPerAppAndTypeEveryFiveSecondsCountedAcrossTwoNodes() {
        long interval = 5_000;
        JdbcMessageStore otherNode = openStore(openDataSource(), StoreSettings.defaults(2), BatchWriter.Listener.NONE);
        long t0 = clock.millis();

        assertThat(takePull(store, APP, CallbackType.SMS_REPORT, t0)).isTrue();
        assertThat(takePull(otherNode, APP, CallbackType.SMS_REPORT, t0 + interval - 1)).as("the other node, 4.999 s")
            .isFalse();
        assertThat(takePull(otherNode, APP, CallbackType.SMS_REPLY, t0 + interval - 1)).as("another type").isTrue();
        assertThat(takePull(otherNode, "app-2", CallbackType.SMS_REPORT, t0 + 1)).as("another app").isTrue();
        assertThat(takePull(otherNode, APP, CallbackType.SMS_REPORT, t0 + interval))
            .as("5 s after the last taken pull: the refused one did not restart the interval").isTrue();
        assertThat(takePull(store, APP, CallbackType.SMS_REPORT, t0 + 2 * interval - 1)).isFalse();
        assertThat(takePull(store, APP, CallbackType.SMS_REPORT, t0 + 2 * interval)).isTrue();
    }

    @Test
    void concurrentPullsOnTwoNodesTakeExactlyOnePerInterval() throws Exception {
        JdbcMessageStore otherNode = openStore(openDataSource(), StoreSettings.defaults(2), BatchWriter.Listener.NONE);
        ExecutorService pullers = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 3; round++) {
                long now = clock.millis() + round * 5_000L;
                List<Future<Boolean>> taken = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    JdbcMessageStore node = i % 2 == 0 ? store : otherNode;
                    taken.add(pullers.submit(() -> takePull(node, "racer", CallbackType.SMS_REPLY, now)));
                }
                int allowed = 0;
                for (Future<Boolean> f : taken) {
                    allowed += Await.result("takePull", f) ? 1 : 0;
                }
                assertThat(allowed).as("round %d (the first inserts the row)", round).isEqualTo(1);
            }
        } finally {
            pullers.shutdownNow();
        }
    }

    private static boolean takePull(JdbcMessageStore node, String appKey, CallbackType type, long nowMillis) {
        return Await.result("takePull", node.takePull(appKey, type, nowMillis, 5_000));
    }

    @Test
    void writerCoalescesManyConcurrentWritesIntoFewTransactions() throws Exception {
        WriterGate gate = new WriterGate();
        JdbcMessageStore gated = openStore(dataSource, new StoreSettings(3, 10_000, 100, TIMEOUT), gate);
        CompletableFuture<Void> warmUp = gated.accept(List.of(message(1)));
        gate.awaitEntered();
        ExecutorService callers = Executors.newFixedThreadPool(8);
        List<Future<CompletableFuture<Void>>> submitted = new ArrayList<>();
        try {
            for (int i = 0; i < 400; i++) {
                submitted.add(callers.submit(() -> gated.accept(List.of(message(1)))));
            }
            Await.until("400 queued writes", TIMEOUT, () -> gated.writerStats().queued() == 400);
            gate.release();
            Await.result("the warm-up accept", warmUp);
            for (Future<CompletableFuture<Void>> f : submitted) {
                Await.result("a queued accept", Await.result("a caller's accept", f));
            }
        } finally {
            callers.shutdownNow();
        }

        BatchWriter.Stats stats = gated.writerStats();
        assertThat(stats.committedWrites()).isEqualTo(401);
        // The warm-up alone, then 400 queued writes in batches of 100 rows.
        assertThat(stats.transactions()).isEqualTo(5);
        assertThat(count("SELECT COUNT(*) FROM message")).isEqualTo(401);
    }

    @Test
    void fullQueueRefusesWritesAtOnceAndRecovers() throws Exception {
        WriterGate gate = new WriterGate();
        JdbcMessageStore small = openStore(dataSource, new StoreSettings(4, 10, 5, TIMEOUT), gate);
        CompletableFuture<Void> blocked = small.accept(List.of(message(1)));
        gate.awaitEntered();
        List<CompletableFuture<Void>> queued = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            queued.add(small.accept(List.of(message(1))));
        }

        CompletableFuture<Void> refused = small.accept(List.of(message(1)));

        assertThat(refused).isCompletedExceptionally();
        assertThatThrownBy(refused::join).hasCauseInstanceOf(StoreOverloadedException.class)
            .hasMessageContaining("queued=10, capacity=10");
        assertThat(small.writerStats().refusedWrites()).isEqualTo(1);
        assertThat(Await.result("storeMo", small.storeMo(new MoMessage(nextId(), PROVIDER, 1, null, null, MOBILE,
            "1069", "x", clock.instant())))).as("MO messages have a lane of their own, not behind accepts").isTrue();
        gate.release();
        Await.result("the blocked accept", blocked);
        queued.forEach(f -> Await.result("a queued accept", f));
        Await.result("accept", small.accept(List.of(message(1))));
        assertThat(count("SELECT COUNT(*) FROM message")).isEqualTo(12);
    }

    @Test
    void acceptsAreRefusedWhileStatusUpdatesAreFarBehind() throws Exception {
        WriterGate statusGate = new WriterGate();
        JdbcMessageStore gated = openStore(dataSource, new StoreSettings(5, 10, 5, TIMEOUT),
            lane -> lane == JdbcMessageStore.Lane.STATUS ? statusGate : BatchWriter.Listener.NONE);
        OutboundMessage m = message(1);
        Await.result("accept", gated.accept(List.of(m)));
        CompletableFuture<Void> held = gated.recordSubmitted(List.of(submitted(m, 1, 34_000)));
        statusGate.awaitEntered();
        List<CompletableFuture<ReportOutcome>> behind = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            behind.add(gated.recordReport(report(34_100 + i, "DELIVRD")));
        }

        CompletableFuture<Void> refused = gated.accept(List.of(message(1)));

        assertThatThrownBy(refused::join).hasCauseInstanceOf(StoreOverloadedException.class)
            .hasMessageContaining("status updates behind (queued=6, capacity=10)");
        statusGate.release();
        Await.result("the held status update", held);
        behind.forEach(f -> Await.result("a report behind", f));
        Await.result("accept", gated.accept(List.of(message(1))));
        assertThat(count("SELECT COUNT(*) FROM message")).isEqualTo(2);
    }

    @Test
    void claimsAreRecordedAcrossARestart() {
        deliveredWithCallback(33_001);
        List<CallbackTask> claimed = Await.result("claimCallbacks", store.claimCallbacks(10, LEASE));
        assertThat(claimed).hasSize(1);

        restart();

        assertThat(Await.result("claimCallbacks", store.claimCallbacks(10, LEASE))).as("still leased").isEmpty();
        clock.advance(LEASE);
        assertThat(Await.result("claimCallbacks", store.claimCallbacks(10, LEASE)))
            .extracting(CallbackTask::attempts).containsExactly(2);
    }

    @Test
    void pullingForwardMakesARoutesWaitingCallbacksDueNowButNoClaimedAbandonedOrOtherRouteRow() throws Exception {
        for (int i = 0; i < 7; i++) {
            deliveredWithCallback(38_001 + i);
        }
        List<CallbackTask> rows = Await.result("claimCallbacks", store.claimCallbacks(10, LEASE));
        assertThat(rows).hasSize(7);
        String otherUrl = "http://127.0.0.1:8090/other";
        try (Connection c = dataSource.getConnection();
             PreparedStatement route = c.prepareStatement(
                 "UPDATE callback_outbox SET app_key = ?, url = ? WHERE id = ?")) {
            route.setString(1, "app-2");
            route.setString(2, CALLBACK);
            route.setLong(3, rows.get(4).id());
            route.executeUpdate();
            route.setString(1, APP);
            route.setString(2, otherUrl);
            route.setLong(3, rows.get(5).id());
            route.executeUpdate();
        }
        Instant later = clock.instant().plus(Duration.ofHours(1));
        Await.result("reschedule", store.rescheduleCallback(rows.get(0).id(), later.plus(Duration.ofHours(11))));
        Await.result("reschedule", store.rescheduleCallback(rows.get(1).id(), later));
        Await.result("defer", store.deferCallback(rows.get(2).id(), clock.instant().plus(Duration.ofMinutes(3))));
        Await.result("abandon", store.abandonCallback(rows.get(3).id()));
        Await.result("reschedule app-2", store.rescheduleCallback(rows.get(4).id(), later));
        Await.result("reschedule other url", store.rescheduleCallback(rows.get(5).id(), later));
        // rows.get(6) stays claimed under its lease

        assertThat(Await.result("pull a page", store.pullForwardCallbacks(APP, CALLBACK, 2))).isEqualTo(2);
        assertThat(Await.result("the last page", store.pullForwardCallbacks(APP, CALLBACK, 2))).isEqualTo(1);
        assertThat(Await.result("nothing left", store.pullForwardCallbacks(APP, CALLBACK, 2))).isZero();

        assertThat(Await.result("claimCallbacks", store.claimCallbacks(10, LEASE)))
            .as("due now, earliest due first; attempts as they were (the deferred claim was not one)")
            .extracting(CallbackTask::id, CallbackTask::attempts)
            .containsExactlyInAnyOrder(tuple(rows.get(0).id(), 2), tuple(rows.get(1).id(), 2),
                tuple(rows.get(2).id(), 1));
        clock.advance(LEASE.minusSeconds(1));
        assertThat(Await.result("claimCallbacks", store.claimCallbacks(10, LEASE)))
            .as("the claimed row keeps its lease, other routes their retry times").isEmpty();
        clock.advance(Duration.ofDays(1));
        assertThat(Await.result("claimCallbacks", store.claimCallbacks(10, LEASE))).extracting(CallbackTask::id)
            .as("the abandoned row is never due").doesNotContain(rows.get(3).id()).hasSize(6);
    }
}
