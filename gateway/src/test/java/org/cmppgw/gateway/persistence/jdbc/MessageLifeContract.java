package org.cmppgw.gateway.persistence.jdbc;

import org.cmppgw.gateway.model.CallbackTask;
import org.cmppgw.gateway.model.CarrierReport;
import org.cmppgw.gateway.model.FinalReport;
import org.cmppgw.gateway.model.MessageStatus;
import org.cmppgw.gateway.model.OutboundMessage;
import org.cmppgw.gateway.model.ReportOutcome;
import org.cmppgw.gateway.model.StoredMessage;
import org.cmppgw.gateway.model.SubmitOutcome;
import org.cmppgw.gateway.persistence.StoreException;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** A message's life in the store, from accept to final status, on whichever database the subclass gives. */
abstract class MessageLifeContract extends StoreFixture {

    @Test
    void acceptedMessagesAreThereAfterReopeningTheDatabase() {
        OutboundMessage a = message(1);
        OutboundMessage b = message(3);
        Await.result("accept", store.accept(List.of(a, b)));

        restart();

        assertThat(find(a.msgId())).isEqualTo(new StoredMessage(a, MessageStatus.ACCEPTED, null));
        assertThat(find(b.msgId()).message()).isEqualTo(b);
        assertThat(Await.result("maxMessageId", store.maxMessageId())).isEqualTo(b.msgId());
    }

    @Test
    void deliveredReportEndsASingleMessageWithOneCallback() {
        OutboundMessage m = submittedMessage(1, 5001);
        assertThat(status(m.msgId())).isEqualTo(MessageStatus.SUBMITTED);

        assertThat(Await.result("recordReport", store.recordReport(report(5001, "DELIVRD"))))
            .isEqualTo(ReportOutcome.FINAL);

        StoredMessage stored = find(m.msgId());
        assertThat(stored.status()).isEqualTo(MessageStatus.DELIVERED);
        assertThat(stored.finalReport().stat()).isEqualTo("DELIVRD");
        List<CallbackTask> tasks = Await.result("claimCallbacks", store.claimCallbacks(10, Duration.ofMinutes(1)));
        assertThat(tasks).singleElement().satisfies(task -> {
            assertThat(task.url()).isEqualTo(CALLBACK);
            assertThat(task.appKey()).isEqualTo(APP);
            assertThat(task.attempts()).isEqualTo(1);
            assertThat(task.payload()).isEqualTo(new FinalReport(m.msgId(), MOBILE, MessageStatus.DELIVERED,
                "DELIVRD", clock.instant()));
        });
    }

    @Test
    void reportBeforeItsSubmitIsParkedThenMatchedWhenTheSubmitIsRecorded() {
        OutboundMessage m = accepted(1);

        assertThat(Await.result("recordReport", store.recordReport(report(6001, "UNDELIV"))))
            .isEqualTo(ReportOutcome.PARKED);
        assertThat(Await.result("countParkedReports", store.countParkedReports())).isEqualTo(1);
        assertThat(status(m.msgId())).isEqualTo(MessageStatus.ACCEPTED);

        Await.result("recordSubmitted", store.recordSubmitted(List.of(submitted(m, 1, 6001))));

        StoredMessage stored = find(m.msgId());
        assertThat(stored.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(stored.finalReport().stat()).isEqualTo("UNDELIV");
        assertThat(Await.result("countParkedReports", store.countParkedReports())).isZero();
        assertThat(Await.result("claimCallbacks", store.claimCallbacks(10, Duration.ofMinutes(1)))).hasSize(1);
    }

    @Test
    void reportOfAnotherProviderWithTheSameMsgIdStaysParked() {
        OutboundMessage m = submittedMessage(1, 6101);

        CarrierReport other = new CarrierReport("cucc-1", 6101, "DELIVRD", MOBILE, clock.instant());
        assertThat(Await.result("recordReport", store.recordReport(other))).isEqualTo(ReportOutcome.PARKED);
        assertThat(status(m.msgId())).isEqualTo(MessageStatus.SUBMITTED);
    }

    @Test
    void reportNamingAnotherHandsetIsKeptAsideNotApplied() throws SQLException {
        OutboundMessage m = submittedMessage(1, 6201);

        CarrierReport stranger = new CarrierReport(PROVIDER, 6201, "DELIVRD", "13900000001", clock.instant());
        assertThat(Await.result("recordReport", store.recordReport(stranger))).isEqualTo(ReportOutcome.MISMATCHED);

        assertThat(status(m.msgId())).isEqualTo(MessageStatus.SUBMITTED);
        assertThat(mismatchedReports()).containsExactly(m.msgId() + ":13900000001:DELIVRD");
        assertThat(Await.result("countParkedReports", store.countParkedReports())).isZero();
    }

    @Test
    void reportNamingAnotherHandsetAfterTheFinalIsKeptAsideNotCountedAsADuplicate() throws SQLException {
        OutboundMessage m = submittedMessage(1, 6251);
        CarrierReport own = new CarrierReport(PROVIDER, 6251, "DELIVRD", MOBILE, clock.instant());
        assertThat(Await.result("recordReport", store.recordReport(own))).isEqualTo(ReportOutcome.FINAL);

        CarrierReport stranger = new CarrierReport(PROVIDER, 6251, "UNDELIV", "13900000004", clock.instant());
        assertThat(Await.result("recordReport", store.recordReport(stranger))).isEqualTo(ReportOutcome.MISMATCHED);

        assertThat(status(m.msgId())).isEqualTo(MessageStatus.DELIVERED);
        assertThat(mismatchedReports()).containsExactly(m.msgId() + ":13900000004:UNDELIV");
    }

    @Test
    void reportWithTheCountryCodeInFrontOfTheMobileIsApplied() {
        OutboundMessage m = submittedMessage(1, 6301);

        CarrierReport report = new CarrierReport(PROVIDER, 6301, "DELIVRD", "+86" + MOBILE, clock.instant());
        assertThat(Await.result("recordReport", store.recordReport(report))).isEqualTo(ReportOutcome.FINAL);

        assertThat(status(m.msgId())).isEqualTo(MessageStatus.DELIVERED);
    }

    @Test
    void parkedReportNamingAnotherHandsetIsKeptAsideWhenItsSubmitIsRecorded() throws SQLException {
        OutboundMessage m = accepted(1);
        CarrierReport stranger = new CarrierReport(PROVIDER, 6401, "UNDELIV", "13900000002", clock.instant());
        assertThat(Await.result("recordReport", store.recordReport(stranger))).isEqualTo(ReportOutcome.PARKED);

        Await.result("recordSubmitted", store.recordSubmitted(List.of(submitted(m, 1, 6401))));

        assertThat(status(m.msgId())).isEqualTo(MessageStatus.SUBMITTED);
        assertThat(mismatchedReports()).containsExactly(m.msgId() + ":13900000002:UNDELIV");
        assertThat(Await.result("countParkedReports", store.countParkedReports())).isZero();
    }

    @Test
    void sweepKeepsAsideAParkedReportNamingAnotherHandset() throws SQLException {
        OutboundMessage m = accepted(1);
        CarrierReport stranger = new CarrierReport(PROVIDER, 6501, "DELIVRD", "13900000003", clock.instant());
        assertThat(Await.result("recordReport", store.recordReport(stranger))).isEqualTo(ReportOutcome.PARKED);
        insertSubmitOfAnotherNode(m.msgId(), 6501);

        assertThat(Await.result("matchParkedReports", store.matchParkedReports(100))).isEqualTo(1);

        assertThat(status(m.msgId())).isEqualTo(MessageStatus.ACCEPTED);
        assertThat(mismatchedReports()).containsExactly(m.msgId() + ":13900000003:DELIVRD");
        assertThat(Await.result("countParkedReports", store.countParkedReports())).isZero();
    }

    /** msg_id:mobile:stat of every row of mismatched_report, in order. */
    private List<String> mismatchedReports() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(
            "SELECT msg_id, mobile, stat FROM mismatched_report ORDER BY id");
             ResultSet r = select.executeQuery()) {
            while (r.next()) {
                rows.add(r.getLong(1) + ":" + r.getString(2) + ":" + r.getString(3));
            }
        }
        return rows;
    }

    /** A submit committed by another node without seeing the parked report (both transactions ran at once). */
    private void insertSubmitOfAnotherNode(long msgId, long carrierMsgId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(
            "INSERT INTO carrier_submit (provider, carrier_msg_id, msg_id, part_no, part_count, result,"
                + " submitted_at) VALUES (?, ?, ?, 1, 1, 0, 0)")) {
            insert.setString(1, PROVIDER);
            insert.setLong(2, carrierMsgId);
            insert.setLong(3, msgId);
            insert.executeUpdate();
        }
    }

    @Test
    void reportOfAMsgIdSubmittedTwiceEndsTheLaterSubmit() {
        // a carrier that hands out a Msg_Id again (its sequence restarted): the report is about the latest submit
        OutboundMessage earlier = submittedMessage(1, 7301);
        OutboundMessage later = submittedMessage(1, 7301);

        assertThat(Await.result("recordReport", store.recordReport(report(7301, "DELIVRD"))))
            .isEqualTo(ReportOutcome.FINAL);

        assertThat(status(later.msgId())).isEqualTo(MessageStatus.DELIVERED);
        assertThat(status(earlier.msgId())).isEqualTo(MessageStatus.SUBMITTED);
    }

    @Test
    void reportOfASubmitThisNodeRecordedIsMatchedFromMemoryOnce() throws SQLException {
        OutboundMessage m = submittedMessage(1, 7401);
        // the stored submit now answers to another Msg_Id: only the node's memory still knows 7401
        try (Connection c = dataSource.getConnection(); PreparedStatement update = c.prepareStatement(
            "UPDATE carrier_submit SET carrier_msg_id = 7499 WHERE carrier_msg_id = 7401")) {
            assertThat(update.executeUpdate()).isOne();
        }

        assertThat(Await.result("recordReport", store.recordReport(report(7401, "DELIVRD"))))
            .isEqualTo(ReportOutcome.FINAL);
        assertThat(status(m.msgId())).isEqualTo(MessageStatus.DELIVERED);

        // a repeated report is looked up in the store, which has no submit of 7401 any more
        assertThat(Await.result("recordReport", store.recordReport(report(7401, "DELIVRD"))))
            .isEqualTo(ReportOutcome.PARKED);
    }

    @Test
    void reportAfterARestartIsMatched() {
        OutboundMessage m = submittedMessage(1, 7001);

        restart();

        assertThat(Await.result("recordReport", store.recordReport(report(7001, "DELIVRD"))))
            .isEqualTo(ReportOutcome.FINAL);
        assertThat(status(m.msgId())).isEqualTo(MessageStatus.DELIVERED);
    }

    @Test
    void parkedReportSurvivesARestartAndIsMatchedBySubmitAfterIt() {
        OutboundMessage m = accepted(1);
        assertThat(Await.result("recordReport", store.recordReport(report(7101, "DELIVRD"))))
            .isEqualTo(ReportOutcome.PARKED);

        restart();
        Await.result("recordSubmitted", store.recordSubmitted(List.of(submitted(m, 1, 7101))));

        assertThat(status(m.msgId())).isEqualTo(MessageStatus.DELIVERED);
    }

    @Test
    void sweepMatchesReportsParkedWhileAnotherNodeRecordedTheSubmit() throws SQLException {
        OutboundMessage m = accepted(1);
        assertThat(Await.result("recordReport", store.recordReport(report(7201, "DELIVRD"))))
            .isEqualTo(ReportOutcome.PARKED);
        insertSubmitOfAnotherNode(m.msgId(), 7201);
        assertThat(status(m.msgId())).isEqualTo(MessageStatus.ACCEPTED);

        assertThat(Await.result("matchParkedReports", store.matchParkedReports(100))).isEqualTo(1);

        assertThat(status(m.msgId())).isEqualTo(MessageStatus.DELIVERED);
        assertThat(Await.result("countParkedReports", store.countParkedReports())).isZero();
        assertThat(Await.result("matchParkedReports", store.matchParkedReports(100))).isZero();
    }

    @Test
    void longMessageIsDeliveredOnlyWhenAllPartsAre() {
        OutboundMessage m = submittedMessage(3, 8001);

        assertThat(Await.result("recordReport", store.recordReport(report(8001, "DELIVRD"))))
            .isEqualTo(ReportOutcome.PART);
        assertThat(Await.result("recordReport", store.recordReport(report(8003, "DELIVRD"))))
            .isEqualTo(ReportOutcome.PART);
        assertThat(status(m.msgId())).isEqualTo(MessageStatus.SUBMITTED);
        assertThat(Await.result("recordReport", store.recordReport(report(8003, "DELIVRD"))))
            .isEqualTo(ReportOutcome.DUPLICATE);
        assertThat(status(m.msgId())).isEqualTo(MessageStatus.SUBMITTED);

        assertThat(Await.result("recordReport", store.recordReport(report(8002, "DELIVRD"))))
            .isEqualTo(ReportOutcome.FINAL);
        assertThat(status(m.msgId())).isEqualTo(MessageStatus.DELIVERED);
    }

    @Test
    void longMessageFailsWhenOnePartFailsAndKeepsThatStat() {
        OutboundMessage m = submittedMessage(3, 8101);

        assertThat(Await.result("recordReport", store.recordReport(report(8101, "DELIVRD"))))
            .isEqualTo(ReportOutcome.PART);
        assertThat(Await.result("recordReport", store.recordReport(report(8102, "MK:0001"))))
            .isEqualTo(ReportOutcome.FINAL);
        assertThat(Await.result("recordReport", store.recordReport(report(8103, "DELIVRD"))))
            .isEqualTo(ReportOutcome.DUPLICATE);

        StoredMessage stored = find(m.msgId());
        assertThat(stored.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(stored.finalReport().stat()).isEqualTo("MK:0001");
        assertThat(Await.result("claimCallbacks", store.claimCallbacks(10, Duration.ofMinutes(1)))).hasSize(1);
    }

    @Test
    void partsOfOneLongMessageInOneBatchAreDecidedTogether() {
        OutboundMessage m = accepted(2);
        List<CompletableFuture<ReportOutcome>> outcomes = List.of(
            store.recordReport(report(8201, "DELIVRD")), store.recordReport(report(8202, "DELIVRD")));
        outcomes.forEach(f -> assertThat(Await.result("a parked report", f)).isEqualTo(ReportOutcome.PARKED));

        Await.result("recordSubmitted", store.recordSubmitted(List.of(submitted(m, 1, 8201), submitted(m, 2, 8202))));

        assertThat(status(m.msgId())).isEqualTo(MessageStatus.DELIVERED);
        assertThat(count("SELECT COUNT(*) FROM message_part")).isEqualTo(2);
    }

    @Test
    void duplicateReportsGiveExactlyOneFinalAndOneOutboxRow() {
        OutboundMessage m = submittedMessage(1, 9001);
        List<CompletableFuture<ReportOutcome>> outcomes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            outcomes.add(store.recordReport(report(9001, i == 0 ? "DELIVRD" : "UNDELIV")));
        }
        List<ReportOutcome> results = outcomes.stream().map(f -> Await.result("a report", f)).toList();
        assertThat(Await.result("recordReport", store.recordReport(report(9001, "DELIVRD"))))
            .isEqualTo(ReportOutcome.DUPLICATE);

        assertThat(results).containsOnlyOnce(ReportOutcome.FINAL);
        assertThat(results.get(0)).isEqualTo(ReportOutcome.FINAL);
        assertThat(status(m.msgId())).isEqualTo(MessageStatus.DELIVERED);
        assertThat(count("SELECT COUNT(*) FROM callback_outbox")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM message_final")).isEqualTo(1);
    }

    @Test
    void interimAcceptdReportChangesNothing() {
        OutboundMessage m = submittedMessage(1, 9101);

        assertThat(Await.result("recordReport", store.recordReport(report(9101, "ACCEPTD"))))
            .isEqualTo(ReportOutcome.INTERIM);

        assertThat(status(m.msgId())).isEqualTo(MessageStatus.SUBMITTED);
        assertThat(Await.result("countParkedReports", store.countParkedReports())).isZero();
    }

    @Test
    void rejectedSubmitFailsTheMessageWithTheResult() {
        OutboundMessage m = accepted(2);
        SubmitOutcome rejected = new SubmitOutcome(m.msgId(), 2, 2, PROVIDER, 0, 13, clock.instant());

        Await.result("recordSubmitted", store.recordSubmitted(List.of(submitted(m, 1, 9201), rejected)));

        StoredMessage stored = find(m.msgId());
        assertThat(stored.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(stored.finalReport().stat()).isEqualTo("SR:0013");
        assertThat(Await.result("pendingForResend", store.pendingForResend(1, 0, 10))).isEmpty();
        // The carrier's report on the accepted part arrives later: the message is already final.
        assertThat(Await.result("recordReport", store.recordReport(report(9201, "DELIVRD"))))
            .isEqualTo(ReportOutcome.DUPLICATE);
    }

    @Test
    void recordFinalEndsAMessageOnceAndRefusesUnknownIds() {
        OutboundMessage m = accepted(1);
        CompletableFuture<Boolean> unknown = store.recordFinal(42, MessageStatus.FAILED, "NOROUTE", clock.instant());
        CompletableFuture<Boolean> first = store.recordFinal(m.msgId(), MessageStatus.FAILED, "NOROUTE",
            clock.instant());

        assertThat(Await.result("the first recordFinal", first)).isTrue();
        assertThat(Await.failure("recordFinal of an unknown msg", unknown)).isInstanceOf(StoreException.class)
            .hasMessageContaining("msgId=42");
        assertThat(Await.result("recordFinal",
            store.recordFinal(m.msgId(), MessageStatus.DELIVERED, "DELIVRD", clock.instant())))
            .isFalse();
        assertThat(find(m.msgId()).finalReport().stat()).isEqualTo("NOROUTE");
        assertThat(Await.result("pendingForResend", store.pendingForResend(1, 0, 10))).isEmpty();
    }

    @Test
    void pendingForResendAfterACrashHasWhatWasNotFullySubmitted() {
        OutboundMessage unsent = accepted(1);
        OutboundMessage sent = submittedMessage(1, 9301);
        OutboundMessage halfSent = accepted(2);
        Await.result("recordSubmitted", store.recordSubmitted(List.of(submitted(halfSent, 1, 9302))));
        OutboundMessage given = accepted(1);
        Await.result("recordFinal", store.recordFinal(given.msgId(), MessageStatus.FAILED, "NOROUTE", clock.instant()));
        OutboundMessage unsent2 = accepted(1);

        restart();

        assertThat(Await.result("pendingForResend", store.pendingForResend(1, 0, 100)))
            .containsExactly(unsent, halfSent, unsent2);
        assertThat(Await.result("pendingForResend", store.pendingForResend(1, unsent.msgId(), 1)))
            .containsExactly(halfSent);
        assertThat(Await.result("pendingForResend", store.pendingForResend(2, 0, 100))).isEmpty();
        // The part with a carrier Msg_Id but no report is still matchable after the restart.
        assertThat(Await.result("recordReport", store.recordReport(report(9301, "DELIVRD"))))
            .isEqualTo(ReportOutcome.FINAL);
        assertThat(status(sent.msgId())).isEqualTo(MessageStatus.DELIVERED);
        // Resent after the restart: new carrier ids for both parts; old and new ones stay matchable.
        Await.result("recordSubmitted",
            store.recordSubmitted(List.of(submitted(halfSent, 1, 9402), submitted(halfSent, 2, 9403))));
        assertThat(Await.result("pendingForResend", store.pendingForResend(1, 0, 100)))
            .containsExactly(unsent, unsent2);
        assertThat(Await.result("recordReport", store.recordReport(report(9302, "DELIVRD"))))
            .isEqualTo(ReportOutcome.PART);
        assertThat(Await.result("recordReport", store.recordReport(report(9402, "DELIVRD"))))
            .isEqualTo(ReportOutcome.DUPLICATE);
        assertThat(Await.result("recordReport", store.recordReport(report(9403, "DELIVRD"))))
            .isEqualTo(ReportOutcome.FINAL);
    }
}
