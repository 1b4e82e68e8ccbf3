package org.cmppgw.gateway.persistence.jdbc;

import org.cmppgw.gateway.history.BatchPace;
import org.cmppgw.gateway.history.HistoryPurge;
import org.cmppgw.gateway.history.HistoryStore;
import org.cmppgw.gateway.history.NoReportExpiry;
import org.cmppgw.gateway.history.ParkedReportExpiry;
import org.cmppgw.gateway.model.CallbackTask;
import org.cmppgw.gateway.model.CarrierReport;
import org.cmppgw.gateway.model.EmailStatus;
import org.cmppgw.gateway.model.FinalReport;
import org.cmppgw.gateway.model.MessageIdGenerator;
import org.cmppgw.gateway.model.MessageStatus;
import org.cmppgw.gateway.model.MoMessage;
import org.cmppgw.gateway.model.OutboundMessage;
import org.cmppgw.gateway.model.ReportOutcome;
import org.cmppgw.gateway.model.SubmitOutcome;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The no-report expiry, the parked-report expiry and the history retention (docs/operations.md "History and
 * expiry") against a real store, on whichever database the subclass gives. Time is the fixture's clock, moved by
 * hand; msg_ids come from a {@link MessageIdGenerator} on that clock, so they sort by acceptance time as in production.
 */
abstract class HistoryContract extends StoreFixture {
    static final Duration NO_REPORT = Duration.ofHours(72);
    private static final Duration RETENTION = Duration.ofDays(7);
    static final BatchPace PACE = BatchPace.unpaced(10);

    private final MessageIdGenerator ids = new MessageIdGenerator(1, clock::millis, 0);
    private final AtomicInteger carrierIds = new AtomicInteger(70_000);

    HistoryStore history() {
        return new JdbcHistoryStore(dataSource);
    }

    NoReportExpiry noReport(HistoryStore on) {
        return new NoReportExpiry(on, store, clock, NO_REPORT, PACE);
    }

    private HistoryPurge purge() {
        return new HistoryPurge(history(), clock, RETENTION, PACE);
    }

    /** Accepted now, with a time-ordered msg_id; the clock moves 1 ms so the next one is later. */
    private OutboundMessage acceptNow(int parts) {
        OutboundMessage m = new OutboundMessage(ids.next(), APP, MOBILE, "【签名】您的验证码是 123456", 7, 5, CALLBACK,
            parts, clock.instant());
        Await.result("accept", store.accept(List.of(m)));
        clock.advance(Duration.ofMillis(1));
        return m;
    }

    private void submitAll(OutboundMessage m) {
        List<SubmitOutcome> outcomes = new ArrayList<>();
        for (int part = 1; part <= m.parts(); part++) {
            outcomes.add(new SubmitOutcome(m.msgId(), part, m.parts(), PROVIDER, carrierIds.incrementAndGet(), 0,
                clock.instant()));
        }
        Await.result("recordSubmitted", store.recordSubmitted(outcomes));
    }

    OutboundMessage submittedNow(int parts) {
        OutboundMessage m = acceptNow(parts);
        submitAll(m);
        return m;
    }

    private void reportAll(OutboundMessage m, String stat) {
        for (long carrierId : carrierIdsOf(m)) {
            Await.result("recordReport", store.recordReport(new CarrierReport(PROVIDER, carrierId, stat, MOBILE,
                clock.instant())));
        }
    }

    private List<Long> carrierIdsOf(OutboundMessage m) {
        List<Long> out = new ArrayList<>();
        long n = count("SELECT COUNT(*) FROM carrier_submit WHERE msg_id = " + m.msgId());
        long first = count("SELECT MIN(carrier_msg_id) FROM carrier_submit WHERE msg_id = " + m.msgId());
        for (long i = 0; i < n; i++) {
            out.add(first + i);
        }
        return out;
    }

    long callbacksOf(OutboundMessage m) {
        return count("SELECT (SELECT COUNT(*) FROM callback_outbox WHERE ref_id = " + m.msgId()
            + ") + (SELECT COUNT(*) FROM held_callback WHERE ref_id = " + m.msgId() + ")"
            + " + (SELECT COUNT(*) FROM message_final WHERE msg_id = " + m.msgId() + " AND callback_node IS NOT NULL"
            + " AND callback_at = 0)");
    }

    /** Rows kept for the message in every table keyed by msg_id. */
    private long rowsOf(OutboundMessage m) {
        long rows = 0;
        for (String table : new String[] {"message", "message_final", "message_part", "carrier_submit",
            "mismatched_report", "pending_message", "held_message", "report_watch"}) {
            rows += count("SELECT COUNT(*) FROM " + table + " WHERE msg_id = " + m.msgId());
        }
        return rows;
    }

    @Test
    void aSubmittedMessageWithoutAReportEndsFailedWithOneCallbackAfterTheExpiry() {
        OutboundMessage m = submittedNow(1);
        NoReportExpiry expiry = noReport(history());

        clock.advance(NO_REPORT.minusMinutes(1));
        assertThat(expiry.round()).isZero();
        assertThat(status(m.msgId())).isEqualTo(MessageStatus.SUBMITTED);

        clock.advance(Duration.ofMinutes(2));
        Instant expiredAt = clock.instant();
        assertThat(expiry.round()).isEqualTo(1);

        assertThat(find(m.msgId()).finalReport()).isEqualTo(new FinalReport(m.msgId(), MOBILE,
            MessageStatus.FAILED, NoReportExpiry.STAT, expiredAt));
        List<CallbackTask> tasks = Await.result("claim", store.claimCallbacks(10, Duration.ofMinutes(1)));
        assertThat(tasks).singleElement().satisfies(t -> assertThat(t.payload()).isEqualTo(
            new FinalReport(m.msgId(), MOBILE, MessageStatus.FAILED, NoReportExpiry.STAT, expiredAt)));

        clock.advance(Duration.ofHours(1));
        assertThat(expiry.round()).isZero();
        assertThat(callbacksOf(m)).isEqualTo(1);
    }

    @Test
    void aMessageStillQueuedOrAlreadyFinalIsUntouched() {
        OutboundMessage queued = acceptNow(1);
        OutboundMessage delivered = submittedNow(1);
        reportAll(delivered, CarrierReport.DELIVERED);
        OutboundMessage halfReported = submittedNow(2);
        Await.result("part 1", store.recordReport(new CarrierReport(PROVIDER, carrierIdsOf(halfReported).get(0),
            CarrierReport.DELIVERED, MOBILE, clock.instant())));
        NoReportExpiry expiry = noReport(history());

        clock.advance(NO_REPORT.plusHours(1));
        assertThat(expiry.round()).isEqualTo(1);

        assertThat(status(queued.msgId())).isEqualTo(MessageStatus.ACCEPTED);
        assertThat(find(delivered.msgId()).finalReport().stat()).isEqualTo(CarrierReport.DELIVERED);
        assertThat(callbacksOf(delivered)).isEqualTo(1);
        assertThat(find(halfReported.msgId()).finalReport().stat()).isEqualTo(NoReportExpiry.STAT);
        assertThat(count("SELECT COUNT(*) FROM report_watch")).isEqualTo(1);
    }

    @Test
    void aMessageSubmittedLateExpiresThatLongAfterItsSubmitNotItsAccept() {
        OutboundMessage late = acceptNow(1);
        NoReportExpiry expiry = noReport(history());
        clock.advance(NO_REPORT.plusHours(1));
        assertThat(expiry.round()).isZero();

        submitAll(late);
        clock.advance(Duration.ofHours(1));
        assertThat(expiry.round()).isZero();
        assertThat(status(late.msgId())).isEqualTo(MessageStatus.SUBMITTED);

        clock.advance(NO_REPORT);
        assertThat(expiry.round()).isEqualTo(1);
        assertThat(find(late.msgId()).finalReport().stat()).isEqualTo(NoReportExpiry.STAT);
        assertThat(callbacksOf(late)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM report_watch")).isZero();
    }

    @Test
    void aWatchedMessageThatGetsItsReportLeavesTheWatchList() {
        OutboundMessage queued = acceptNow(1);
        NoReportExpiry expiry = noReport(history());
        clock.advance(NO_REPORT.plusHours(1));
        expiry.round();
        submitAll(queued);
        reportAll(queued, "UNDELIV");

        assertThat(expiry.round()).isZero();

        assertThat(find(queued.msgId()).finalReport().stat()).isEqualTo("UNDELIV");
        assertThat(callbacksOf(queued)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM report_watch")).isZero();
    }

    @Test
    void aRestartMidWalkGoesOnWhereItStoppedAndCallsEachMessageBackOnce() {
        List<OutboundMessage> messages = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            messages.add(submittedNow(1));
        }
        clock.advance(NO_REPORT.plusHours(1));
        // The first page is made final, then the process dies before the cursor moves.
        HistoryStore dying = new FailingAdvance(history());
        assertThatThrownBy(() -> noReport(dying).round()).hasMessageContaining("killed");
        assertThat(count("SELECT COUNT(*) FROM message_final")).isEqualTo(10);

        restart();
        assertThat(noReport(history()).round()).isEqualTo(15);

        for (OutboundMessage m : messages) {
            assertThat(find(m.msgId()).finalReport().stat()).isEqualTo(NoReportExpiry.STAT);
            assertThat(callbacksOf(m)).as("callbacks of %d", m.msgId()).isEqualTo(1);
        }
        assertThat(history().cursor("no_report")).isEqualTo(messages.get(24).msgId());
    }

    @Test
    void parkedReportsThatNeverMatchExpire() {
        CarrierReport stray = new CarrierReport(PROVIDER, 99_001, "DELIVRD", MOBILE, clock.instant());
        assertThat(Await.result("park", store.recordReport(stray))).isEqualTo(ReportOutcome.PARKED);
        ParkedReportExpiry expiry = new ParkedReportExpiry(history(), clock, Duration.ofHours(72), PACE);

        clock.advance(Duration.ofHours(71));
        CarrierReport younger = new CarrierReport(PROVIDER, 99_002, "DELIVRD", MOBILE, clock.instant());
        Await.result("park", store.recordReport(younger));
        assertThat(expiry.round()).isZero();

        clock.advance(Duration.ofHours(2));
        assertThat(expiry.round()).isEqualTo(1);
        assertThat(Await.result("parked", store.countParkedReports())).isEqualTo(1);
        assertThat(count("SELECT carrier_msg_id FROM parked_report")).isEqualTo(99_002);
    }

    @Test
    void retentionRemovesExactlyTheOldFinishedMessagesWithAllTheirRows() {
        OutboundMessage oldDelivered = submittedNow(2);
        reportAll(oldDelivered, CarrierReport.DELIVERED);
        OutboundMessage oldMismatched = submittedNow(1);
        long carrierId = carrierIdsOf(oldMismatched).get(0);
        Await.result("mismatch", store.recordReport(new CarrierReport(PROVIDER, carrierId, "DELIVRD", "13900000009",
            clock.instant())));
        reportAll(oldMismatched, "UNDELIV");
        OutboundMessage oldQueued = acceptNow(1);
        OutboundMessage oldUnreported = submittedNow(1);
        OutboundMessage finalLater = submittedNow(1);
        MoMessage oldMo = mo();
        clock.advance(Duration.ofDays(2));
        reportAll(finalLater, "DELIVRD");
        clock.advance(Duration.ofDays(4));
        OutboundMessage recent = submittedNow(1);
        reportAll(recent, "DELIVRD");
        MoMessage recentMo = mo();
        assertThat(rowsOf(oldDelivered)).isEqualTo(1 + 1 + 2 + 2);
        assertThat(rowsOf(oldMismatched)).isEqualTo(1 + 1 + 1 + 1);

        clock.advance(Duration.ofDays(1).plusHours(1));
        HistoryPurge.Purged purged = purge().round();

        assertThat(purged.messages()).isEqualTo(2);
        assertThat(purged.messageRows()).isEqualTo(6 + 4);
        assertThat(purged.moMessages()).isEqualTo(1);
        assertThat(rowsOf(oldDelivered)).isZero();
        assertThat(rowsOf(oldMismatched)).isZero();
        assertThat(status(oldQueued.msgId())).isEqualTo(MessageStatus.ACCEPTED);
        assertThat(status(oldUnreported.msgId())).isEqualTo(MessageStatus.SUBMITTED);
        assertThat(status(finalLater.msgId())).isEqualTo(MessageStatus.DELIVERED);
        assertThat(rowsOf(recent)).isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM mo_message WHERE mo_id = " + oldMo.moId())).isZero();
        assertThat(count("SELECT COUNT(*) FROM mo_message WHERE mo_id = " + recentMo.moId())).isEqualTo(1);

        assertThat(purge().round()).isEqualTo(new HistoryPurge.Purged(0, 0, 0, 0, 0, 0));
    }

    @Test
    void retentionWalksPastManyPagesOfMessagesItMustKeep() {
        List<OutboundMessage> kept = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            kept.add(acceptNow(1));
        }
        OutboundMessage old = submittedNow(1);
        reportAll(old, "DELIVRD");
        clock.advance(RETENTION.plusHours(1));

        assertThat(purge().round().messages()).isEqualTo(1);

        assertThat(rowsOf(old)).isZero();
        for (OutboundMessage m : kept) {
            assertThat(status(m.msgId())).isEqualTo(MessageStatus.ACCEPTED);
        }
    }

    @Test
    void retentionRemovesAbandonedCallbacksButNotOwedOnes() {
        // Outbox ids come from the system clock: the test clock starts there so the two agree.
        clock.set(Instant.now());
        OutboundMessage abandoned = submittedNow(1);
        reportAll(abandoned, "DELIVRD");
        OutboundMessage owed = submittedNow(1);
        reportAll(owed, "DELIVRD");
        List<CallbackTask> tasks = Await.result("claim", store.claimCallbacks(10, Duration.ofMinutes(1)));
        assertThat(tasks).hasSize(2);
        CallbackTask first = tasks.stream().filter(t -> ((FinalReport) t.payload()).msgId() == abandoned.msgId())
            .findFirst().orElseThrow();
        Await.result("abandon", store.abandonCallback(first.id()));
        clock.advance(RETENTION.plusHours(1));

        HistoryPurge.Purged purged = purge().round();

        assertThat(purged.callbacks()).isEqualTo(1);
        assertThat(callbacksOf(abandoned)).isZero();
        assertThat(callbacksOf(owed)).isEqualTo(1);
    }

    @Test
    void retentionRemovesEmailsFinishedBeforeItButNeverAQueuedOne() throws SQLException {
        long oldDelivered = email(EmailStatus.DELIVERED, true);
        long oldFailed = email(EmailStatus.FAILED, true);
        long oldQueued = email(EmailStatus.QUEUED, false);
        // Accepted long ago, but retried until it failed recently: kept a retention after it finished.
        long finishedLater = email(EmailStatus.QUEUED, false);
        clock.advance(RETENTION.minusDays(1));
        finish(finishedLater);
        long recent = email(EmailStatus.DELIVERED, true);
        clock.advance(Duration.ofDays(1).plusHours(1));

        HistoryPurge.Purged purged = purge().round();

        assertThat(purged.emails()).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM email_message WHERE id IN (" + oldDelivered + ", " + oldFailed + ")"))
            .isZero();
        assertThat(count("SELECT COUNT(*) FROM email_message WHERE id IN (" + oldQueued + ", " + finishedLater + ", "
            + recent + ")")).isEqualTo(3);
        assertThat(purge().round().emails()).isZero();
    }

    /** An email row as POST /v1/emails writes it, finished now when {@code finished}. */
    private long email(EmailStatus status, boolean finished) throws SQLException {
        long id = ids.next();
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement("INSERT INTO"
                + " email_message (id, app_key, recipient, cc_list, bcc_list, sender_name, subject, body_text,"
                + " body_html, callback_url, status, attempts, resends, due_at, claimed_by, provider, smtp_reply,"
                + " accepted_at, finished_at) VALUES (?, ?, 'a@example.com', '', '', '', 's', 't', NULL, '', ?, 0,"
                + " 0, ?, NULL, 'mail', '', ?, ?)")) {
            insert.setLong(1, id);
            insert.setString(2, APP);
            insert.setInt(3, status.code());
            insert.setLong(4, clock.millis());
            insert.setLong(5, clock.millis());
            if (finished) {
                insert.setLong(6, clock.millis());
            } else {
                insert.setNull(6, Types.BIGINT);
            }
            insert.executeUpdate();
        }
        clock.advance(Duration.ofMillis(1));
        return id;
    }

    private void finish(long emailId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement update = c.prepareStatement(
                "UPDATE email_message SET status = ?, finished_at = ? WHERE id = ?")) {
            update.setInt(1, EmailStatus.FAILED.code());
            update.setLong(2, clock.millis());
            update.setLong(3, emailId);
            update.executeUpdate();
        }
    }

    private MoMessage mo() {
        MoMessage mo = new MoMessage(ids.next(), PROVIDER, carrierIds.incrementAndGet(), APP, null, MOBILE, "1069",
            "hi", clock.instant());
        assertThat(Await.result("storeMo", store.storeMo(mo))).isTrue();
        clock.advance(Duration.ofMillis(1));
        return mo;
    }

    /** A store whose first {@link #advance} fails, as a process killed between two statements. */
    private record FailingAdvance(HistoryStore delegate) implements HistoryStore {
        @Override
        public long firstMessageId() {
            return delegate.firstMessageId();
        }

        @Override
        public List<Scanned> scan(long afterMsgId, long beforeMsgId, int max) {
            return delegate.scan(afterMsgId, beforeMsgId, max);
        }

        @Override
        public List<Scanned> scanWatched(long afterMsgId, int max) {
            return delegate.scanWatched(afterMsgId, max);
        }

        @Override
        public Map<Long, Long> lastSubmittedAt(List<Long> msgIds) {
            return delegate.lastSubmittedAt(msgIds);
        }

        @Override
        public long cursor(String name) {
            return delegate.cursor(name);
        }

        @Override
        public void advance(String name, long position, List<Long> watch) {
            throw new IllegalStateException("killed before the cursor moved");
        }

        @Override
        public void unwatch(List<Long> msgIds) {
            delegate.unwatch(msgIds);
        }

        @Override
        public int deleteMessages(List<Long> msgIds) {
            return delegate.deleteMessages(msgIds);
        }

        @Override
        public int deleteMoBefore(long beforeMoId, int max) {
            return delegate.deleteMoBefore(beforeMoId, max);
        }

        @Override
        public int deleteAbandonedCallbacksBefore(long beforeId, int max) {
            return delegate.deleteAbandonedCallbacksBefore(beforeId, max);
        }

        @Override
        public int deleteParkedReportsBefore(long parkedBeforeMillis, int max) {
            return delegate.deleteParkedReportsBefore(parkedBeforeMillis, max);
        }

        @Override
        public int deleteEmailsBefore(long beforeId, long finishedBeforeMillis, int max) {
            return delegate.deleteEmailsBefore(beforeId, finishedBeforeMillis, max);
        }
    }
}
