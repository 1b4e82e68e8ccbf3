package org.cmppgw.simulator.load;

import com.fasterxml.jackson.databind.JsonNode;
import org.cmppgw.simulator.jsms.CallbackListener;
import org.cmppgw.simulator.jsms.JsmsCallback;

import java.util.function.LongSupplier;

/**
 * The load generator's use of the callbacks its {@link org.cmppgw.simulator.jsms.CallbackEndpoint} receives: counts
 * them by type, and matches each SMS_REPORT with the msg_id the API returned to time accept → report. A report
 * without a usable {@code msgId} and {@code status} is refused (400) and counted as a bad callback. Runs on the
 * generator's event loop, sharing {@link RunStats} with the API client.
 */
final class CallbackRecorder implements CallbackListener {
    private final RunStats stats;
    private final LongSupplier nanoClock;

    CallbackRecorder(RunStats stats, LongSupplier nanoClock) {
        this.stats = stats;
        this.nanoClock = nanoClock;
    }

    @Override
    public boolean onCallback(JsmsCallback callback) {
        long now = nanoClock.getAsLong();
        stats.callbacks++;
        switch (callback.type()) {
            case "SMS_REPORT" -> {
                if (!smsReport(callback, now)) {
                    stats.badCallbacks++;
                    return false;
                }
            }
            case "SMS_REPLY" -> stats.smsReplies++;
            case "EMAIL_REPORT" -> stats.emailReports++;
            default -> stats.otherCallbacks++;
        }
        return true;
    }

    @Override
    public void onBadSignature(JsmsCallback callback) {
        stats.badSignatures++;
    }

    @Override
    public void onMalformed(String problem, String body) {
        stats.badCallbacks++;
    }

    /** Matches and times one report; false when its data is unusable. */
    private boolean smsReport(JsmsCallback callback, long now) {
        JsonNode node = callback.dataJson().orElse(null);
        if (node == null) {
            return false;
        }
        JsonNode id = node.get("msgId");
        JsonNode status = node.get("status");
        if (id == null || status == null || !status.canConvertToInt()) {
            return false;
        }
        long msgId;
        try {
            msgId = Long.parseUnsignedLong(id.asText());
        } catch (NumberFormatException e) {
            return false;
        }
        stats.smsReports++;
        stats.lastReportNanos = now;
        stats.reportStatus(status.asInt());
        long latency = stats.tracker.report(msgId, now);
        if (latency >= 0) {
            RunStats.record(stats.callbackLatency, latency);
        }
        return true;
    }
}
