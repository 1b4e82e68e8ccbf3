package org.cmppgw.simulator.load;

import java.net.URI;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * What a load run measured; written as the JSON result file and returned by {@link LoadGenerator#run()}.
 *
 * @param target             the base URL that was driven
 * @param mode               {@code SINGLE}, {@code BATCH} or {@code EMAIL}
 * @param batchSize          recipients per request
 * @param connections        HTTP connections used
 * @param rate               target msgs/s (0 = flat out)
 * @param sendSeconds        from the first request to the last API response
 * @param runSeconds         from the first request to the end of the run (grace included)
 * @param hardLimitHit       the run was cut off by its hard time limit
 * @param sentRequests       API requests written
 * @param sentMessages       recipients in those requests
 * @param accepted           msg_ids returned by the API
 * @param failedMessages     recipients not accepted (HTTP errors, JSMS failures, timeouts)
 * @param acceptedPerSecond  {@code accepted / sendSeconds}
 * @param callbacks          callbacks with a good signature (any type)
 * @param reports            SMS_REPORT callbacks (EMAIL_REPORT in email mode) with a usable id
 * @param callbacksPerSecond {@code reports} per second from the first request to the last report
 * @param callbacksByType    callbacks by {@code type}
 * @param reportsByStatus    those reports by {@code status} (4001 delivered, ...; {@code delivered} and
 *                           {@code failed} for email)
 * @param lost               accepted msg_ids without an SMS_REPORT at the end, when reports had stopped coming
 * @param pending            accepted msg_ids without an SMS_REPORT at the end while reports were still coming (the
 *                           gateway was still draining: the run proves nothing about them, neither lost nor
 *                           delivered); see {@link #stillArriving}
 * @param duplicates         msg_ids with more than one SMS_REPORT
 * @param unknownMsgIds      reported msg_ids the API never returned
 * @param badSignatures      callbacks rejected with 401 for a wrong signature
 * @param badCallbacks       callbacks rejected with 400 (missing fields, unusable data)
 * @param errors             failed requests plus rejected recipients
 * @param errorsByCode       {@code errors} by code: {@code http_503/jsms_50019}, {@code jsms_50006},
 *                           {@code timeout}, {@code connection_closed}, {@code connect_failed}, ...
 * @param acceptLatency      API request → response, per accepted request
 * @param callbackLatency    API response → first SMS_REPORT, per message
 */
public record LoadResult(String target, String mode, int batchSize, int connections, int rate,
                         double sendSeconds, double runSeconds, boolean hardLimitHit,
                         long sentRequests, long sentMessages, long accepted, long failedMessages,
                         double acceptedPerSecond, long callbacks, long reports, double callbacksPerSecond,
                         Map<String, Long> callbacksByType, Map<String, Long> reportsByStatus,
                         long lost, long pending, long duplicates, long unknownMsgIds, long badSignatures,
                         long badCallbacks,
                         long errors, Map<String, Long> errorsByCode,
                         LatencySummary acceptLatency, LatencySummary callbackLatency) {
    public LoadResult {
        callbacksByType = sorted(callbacksByType);
        reportsByStatus = sorted(reportsByStatus);
        errorsByCode = sorted(errorsByCode);
    }

    /** The verdict scripts assert on: every accepted message reported, nothing failed. */
    public boolean passed() {
        return lost == 0 && pending == 0 && errors == 0;
    }

    /** Nothing lost and nothing failed, but the run ended before the last reports came: wait longer to know. */
    public boolean incomplete() {
        return lost == 0 && errors == 0 && pending > 0;
    }

    /** The result of a run that started at {@code startNanos} and ended at {@code endNanos}. */
    static LoadResult of(LoadConfig config, URI target, RunStats stats, long startNanos, long endNanos,
                         boolean hardLimitHit) {
        double sendSeconds = seconds(startNanos, stats.lastResponseNanos);
        double reportSeconds = seconds(startNanos, stats.lastReportNanos);
        MessageTracker tracker = stats.tracker;
        boolean arriving = stillArriving(stats.lastReportNanos, endNanos, config.graceSeconds());
        return new LoadResult(target.toString(), config.mode().name(), config.recipientsPerRequest(),
            config.connections(), config.rate(), sendSeconds, seconds(startNanos, endNanos), hardLimitHit,
            stats.sentRequests, stats.sentMessages, tracker.accepted(), stats.failedMessages,
            perSecond(tracker.accepted(), sendSeconds), stats.callbacks, stats.reports,
            perSecond(stats.reports, reportSeconds), stats.callbacksByType(), stats.reportsByStatus(),
            arriving ? 0 : tracker.lost(), arriving ? tracker.lost() : 0, tracker.duplicates(), tracker.unknown(),
            stats.badSignatures, stats.badCallbacks,
            stats.errors(), stats.errorsByCode(), LatencySummary.of(stats.acceptLatency),
            LatencySummary.of(stats.callbackLatency));
    }

    /**
     * Whether reports were still coming when the run ended: the last one came within the final half of the grace
     * period, at most its last 5 s. A gateway that stopped calling back while messages were outstanding lost them; one
     * that is still calling back is behind (a slow carrier account, a backlog), and its outstanding messages are
     * pending.
     */
    static boolean stillArriving(long lastReportNanos, long endNanos, int graceSeconds) {
        long quiet = Math.min(TimeUnit.SECONDS.toNanos(graceSeconds) / 2, TimeUnit.SECONDS.toNanos(5));
        return lastReportNanos != 0 && endNanos - lastReportNanos < quiet;
    }

    private static double seconds(long fromNanos, long toNanos) {
        return toNanos == 0 ? 0 : Math.max(0, toNanos - fromNanos) / 1e9;
    }

    private static double perSecond(long count, double seconds) {
        return seconds <= 0 ? 0 : count / seconds;
    }

    private static Map<String, Long> sorted(Map<String, Long> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(map));
    }
}
