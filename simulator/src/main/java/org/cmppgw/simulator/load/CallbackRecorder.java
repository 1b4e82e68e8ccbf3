package org.cmppgw.simulator.load;

import com.fasterxml.jackson.databind.JsonNode;
import org.cmppgw.simulator.jsms.CallbackListener;
import org.cmppgw.simulator.jsms.JsmsCallback;

import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The load generator's use of the callbacks its {@link org.cmppgw.simulator.jsms.CallbackEndpoint} receives: counts
 * them by type, and matches each report of the run's kind with the id the API returned to time accept → report:
 * SMS_REPORT ({@code msgId}, numeric {@code status}) for SMS runs, EMAIL_REPORT ({@code emailId}, {@code status}
 * {@code delivered} or {@code failed}, docs/api.md "EMAIL_REPORT") for email runs. Such a report without a usable id
 * and status is refused (400) and counted as a bad callback; callbacks of the other kind are only counted.
 *
 * <p>Runs on the receiver's own event loop, where the expensive part (parsing the form and its JSON) happens; what
 * it records is handed to {@code statsLoop}, the generator's loop that owns {@link RunStats} (without waking it, see
 * {@link LoadGenerator}). So a burst of callbacks never delays the API responses whose latency the generator
 * measures.
 */
final class CallbackRecorder implements CallbackListener {
    private static final long EMAIL_DELIVERED = 1;
    private static final long EMAIL_FAILED = 0;

    private final RunStats stats;
    private final LongSupplier nanoClock;
    private final Executor statsLoop;
    private final boolean email;

    CallbackRecorder(RunStats stats, LongSupplier nanoClock, Executor statsLoop, LoadConfig.Mode mode) {
        this.stats = stats;
        this.nanoClock = nanoClock;
        this.statsLoop = statsLoop;
        this.email = mode == LoadConfig.Mode.EMAIL;
    }

    @Override
    public boolean onCallback(JsmsCallback callback) {
        long now = nanoClock.getAsLong();
        String type = callback.type();
        boolean tracked = email ? "EMAIL_REPORT".equals(type) : "SMS_REPORT".equals(type);
        long[] report = !tracked ? null : email ? emailReport(callback) : smsReport(callback);
        boolean unusable = tracked && report == null;
        Consumer<RunStats> count;
        if (unusable) {
            count = s -> s.badCallbacks++;
        } else if (tracked && email) {
            count = s -> {
                s.emailReports++;
                s.emailStatus(report[1] == EMAIL_DELIVERED);
                record(report[0], now);
            };
        } else if (tracked) {
            count = s -> {
                s.smsReports++;
                s.reportStatus((int) report[1]);
                record(report[0], now);
            };
        } else {
            count = switch (type) {
                case "SMS_REPORT" -> s -> s.smsReports++;
                case "SMS_REPLY" -> s -> s.smsReplies++;
                case "EMAIL_REPORT" -> s -> s.emailReports++;
                default -> s -> s.otherCallbacks++;
            };
        }
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
        JsonNode status = node.get("status");
        if (status == null || !status.canConvertToInt()) {
            return null;
        }
        return withId(node.get("msgId"), status.asInt());
    }

    /** The report's email id and 1 (delivered) or 0 (failed), or null when its data is unusable. */
    private static long[] emailReport(JsmsCallback callback) {
        JsonNode node = callback.dataJson().orElse(null);
        if (node == null) {
            return null;
        }
        String status = node.path("status").asText();
        return switch (status) {
            case "delivered" -> withId(node.get("emailId"), EMAIL_DELIVERED);
            case "failed" -> withId(node.get("emailId"), EMAIL_FAILED);
            default -> null;
        };
    }

    private static long[] withId(JsonNode id, long status) {
        if (id == null || !id.isValueNode()) {
            return null;
        }
        try {
            return new long[] {Long.parseUnsignedLong(id.asText()), status};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Matches and times one report of the run's kind; on the stats loop. */
    private void record(long id, long now) {
        stats.reports++;
        stats.lastReportNanos = now;
        long latency = stats.tracker.report(id, now);
        if (latency >= 0) {
            RunStats.record(stats.callbackLatency, latency);
        }
    }
}
