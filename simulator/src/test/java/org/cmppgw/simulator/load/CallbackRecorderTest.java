package org.cmppgw.simulator.load;

import org.cmppgw.simulator.jsms.JsmsCallback;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class CallbackRecorderTest {
    private final RunStats stats = new RunStats();
    private final AtomicLong nanos = new AtomicLong();

    private CallbackRecorder recorder(LoadConfig.Mode mode) {
        // The stats loop runs inline: the test is that loop.
        return new CallbackRecorder(stats, nanos::get, Runnable::run, mode);
    }

    private static JsmsCallback callback(String type, String data) {
        return new JsmsCallback(type, "nonce", "1795315325", "signature", data);
    }

    private static JsmsCallback emailReport(String id, String status) {
        return callback("EMAIL_REPORT", "{\"emailId\":\"" + id + "\",\"status\":\"" + status
            + "\",\"email\":\"u13800000000@example.com\",\"receiveTime\":1795315325,\"smtpReply\":\"250 OK\"}");
    }

    @Test
    void emailReportsAreMatchedWithTheAcceptedEmailIdsAndTimed() {
        CallbackRecorder recorder = recorder(LoadConfig.Mode.EMAIL);
        stats.tracker.accept(912_171_048_038_825_990L, 1_000_000);
        stats.tracker.accept(912_171_048_038_825_991L, 1_000_000);
        nanos.set(6_000_000);

        assertThat(recorder.onCallback(emailReport("912171048038825990", "delivered"))).isTrue();
        assertThat(recorder.onCallback(emailReport("912171048038825991", "failed"))).isTrue();

        assertThat(stats.reports).isEqualTo(2);
        assertThat(stats.tracker.lost()).isZero();
        assertThat(stats.reportsByStatus()).containsExactly(Map.entry("delivered", 1L), Map.entry("failed", 1L));
        assertThat(stats.callbacksByType()).containsExactly(Map.entry("EMAIL_REPORT", 2L));
        assertThat(stats.callbackLatency.getTotalCount()).isEqualTo(2);
        assertThat(stats.callbackLatency.getMaxValue()).as("5 ms in µs").isBetween(4_990L, 5_010L);
        assertThat(stats.lastReportNanos).isEqualTo(6_000_000);
    }

    @Test
    void duplicateAndUnknownEmailReportsAreCountedAsSuch() {
        CallbackRecorder recorder = recorder(LoadConfig.Mode.EMAIL);
        stats.tracker.accept(7, 0);

        recorder.onCallback(emailReport("7", "delivered"));
        recorder.onCallback(emailReport("7", "delivered"));
        recorder.onCallback(emailReport("8", "delivered"));

        assertThat(stats.tracker.duplicates()).isEqualTo(1);
        assertThat(stats.tracker.unknown()).isEqualTo(1);
        assertThat(stats.tracker.lost()).isZero();
        assertThat(stats.callbackLatency.getTotalCount()).as("only the first report of a known id").isEqualTo(1);
    }

    @Test
    void anEmailReportThatOvertakesItsAnswerIsMatchedWhenTheIdIsAccepted() {
        CallbackRecorder recorder = recorder(LoadConfig.Mode.EMAIL);

        recorder.onCallback(emailReport("11", "delivered"));

        assertThat(stats.tracker.unknown()).isEqualTo(1);
        assertThat(stats.tracker.accept(11, 0)).isEqualTo(MessageTracker.ACCEPTED_AFTER_REPORT);
        assertThat(stats.tracker.unknown()).isZero();
        assertThat(stats.tracker.lost()).isZero();
    }

    @Test
    void unusableEmailReportsAreRefusedAndCountedBad() {
        CallbackRecorder recorder = recorder(LoadConfig.Mode.EMAIL);

        assertThat(recorder.onCallback(emailReport("12", "bounced"))).isFalse();
        assertThat(recorder.onCallback(emailReport("not-a-number", "delivered"))).isFalse();
        assertThat(recorder.onCallback(callback("EMAIL_REPORT", "{\"status\":\"delivered\"}"))).isFalse();
        assertThat(recorder.onCallback(callback("EMAIL_REPORT", "not json"))).isFalse();

        assertThat(stats.badCallbacks).isEqualTo(4);
        assertThat(stats.reports).isZero();
        assertThat(stats.tracker.unknown()).isZero();
    }

    @Test
    void eachModeTracksItsOwnReportTypeAndOnlyCountsTheOther() {
        CallbackRecorder email = recorder(LoadConfig.Mode.EMAIL);
        assertThat(email.onCallback(callback("SMS_REPORT", "{\"msgId\":\"5\",\"status\":4001}"))).isTrue();
        assertThat(stats.smsReports).isEqualTo(1);
        assertThat(stats.reports).isZero();
        assertThat(stats.tracker.unknown()).isZero();

        CallbackRecorder sms = recorder(LoadConfig.Mode.BATCH);
        assertThat(sms.onCallback(emailReport("6", "delivered"))).isTrue();
        assertThat(sms.onCallback(callback("SMS_REPORT", "{\"msgId\":\"5\",\"status\":4001}"))).isTrue();
        assertThat(stats.emailReports).isEqualTo(1);
        assertThat(stats.reports).isEqualTo(1);
        assertThat(stats.reportsByStatus()).containsExactly(Map.entry("4001", 1L));
        assertThat(stats.tracker.unknown()).as("the SMS report, not yet accepted").isEqualTo(1);
    }
}
