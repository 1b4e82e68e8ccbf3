package org.cmppgw.simulator.load;

import com.fasterxml.jackson.databind.JsonNode;
import org.cmppgw.simulator.jsms.CallbackListener;
import org.cmppgw.simulator.jsms.JsmsCallback;

import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The load generator's use of the callbacks its {@link org.cmppgw.simulator.jsms.CallbackEndpoint} receives: counts
 * them by type, and matches each SMS_REPORT with the msg_id the API returned to time accept → report. A report
 * without a usable {@code msgId} and {@code status} is refused (400) and counted as a bad callback.
 *
 * <p>Runs on the receiver's own event loop, where the expensive part (parsing the form and its JSON) happens; what
 * it records is handed to {@code statsLoop}, the generator's loop that owns {@link RunStats}. So a burst of callbacks
 * never delays the API responses whose latency the generator measures.
 */
final class CallbackRecorder implements CallbackListener {
    private final RunStats stats;
    private final LongSupplier nanoClock;
    private final Executor statsLoop;

    CallbackRecorder(RunStats stats, LongSupplier nanoClock, Executor statsLoop) {
        this.stats = stats;
        this.nanoClock = nanoClock;
        this.statsLoop = statsLoop;
    }

    @Override
    public boolean onCallback(JsmsCallback callback) {
        long now = nanoClock.getAsLong();
        boolean isReport = "SMS_REPORT".equals(callback.type());
        long[] report = isReport ? smsReport(callback) : null;
        boolean unusable = isReport && report == null;
        Consumer<RunStats> count = switch (callback.type()) {
            case "SMS_REPORT" -> unusable ? s -> s.badCallbacks++ : s -> record(report[0], (int) report[1], now);
            case "SMS_REPLY" -> s -> s.smsReplies++;
            case "EMAIL_REPORT" -> s -> s.emailReports++;
            default -> s -> s.otherCallbacks++;
        };
        statsLoop.execute(() -> {
            stats.callbacks++;
            count.accept(stats);
        });
        return !unusable;
    }

    @Override
    public void onBadSignature(JsmsCallback callback) {
        statsLoop.execute(() -> stats.badSignatures++);
    }

    @Override
    public void onMalformed(String problem, String body) {
        statsLoop.execute(() -> stats.badCallbacks++);
    }

    /** The report's msg_id and status, or null when its data is unusable. */
    private static long[] smsReport(JsmsCallback callback) {
        JsonNode node = callback.dataJson().orElse(null);
        if (node == null) {
            return null;
        }
        JsonNode id = node.get("msgId");
        JsonNode status = node.get("status");
        if (id == null || status == null || !status.canConvertToInt()) {
            return null;
        }
        try {
            return new long[] {Long.parseUnsignedLong(id.asText()), status.asInt()};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Matches and times one report; on the stats loop. */
    private void record(long msgId, int status, long now) {
        stats.smsReports++;
        stats.lastReportNanos = now;
        stats.reportStatus(status);
        long latency = stats.tracker.report(msgId, now);
        if (latency >= 0) {
            RunStats.record(stats.callbackLatency, latency);
        }
    }
}
