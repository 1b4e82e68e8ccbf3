package org.cmppgw.simulator.load;

import org.HdrHistogram.Histogram;

import java.util.Map;
import java.util.TreeMap;

/**
 * The counters and latency histograms of one run, plus the {@link MessageTracker}. Confined to the generator's
 * event loop: the API client and the callback receiver share that loop, so plain fields suffice. Latencies are
 * recorded in microseconds.
 */
final class RunStats {
    /** One hour in microseconds: anything slower is clamped, it is lost in all but name. */
    private static final long HIGHEST_MICROS = 3_600_000_000L;
    private static final int SIGNIFICANT_DIGITS = 3;
    private static final int FIRST_STATUS = 4000;
    private static final int LAST_STATUS = 4100;

    final MessageTracker tracker = new MessageTracker();
    final Histogram acceptLatency = new Histogram(HIGHEST_MICROS, SIGNIFICANT_DIGITS);
    final Histogram callbackLatency = new Histogram(HIGHEST_MICROS, SIGNIFICANT_DIGITS);

    long sentRequests;
    long sentMessages;
    long failedMessages;
    long lastResponseNanos;

    long callbacks;
    /** Reports of the run's kind (SMS_REPORT, or EMAIL_REPORT in email mode) with a usable id and status. */
    long reports;
    long smsReports;
    long smsReplies;
    long emailReports;
    long otherCallbacks;
    long badSignatures;
    long badCallbacks;
    long lastReportNanos;

    private long errors;
    private final Map<String, Long> errorsByCode = new TreeMap<>();
    private final long[] statusCounts = new long[LAST_STATUS - FIRST_STATUS + 1];
    private final Map<Integer, Long> otherStatuses = new TreeMap<>();
    private long emailDelivered;
    private long emailFailed;

    /** Counts {@code n} errors under {@code code}: {@code http_503/jsms_50019}, {@code jsms_50006}, {@code timeout}. */
    void error(String code, long n) {
        errors += n;
        errorsByCode.merge(code, n, Long::sum);
    }

    void reportStatus(int status) {
        if (status >= FIRST_STATUS && status <= LAST_STATUS) {
            statusCounts[status - FIRST_STATUS]++;
        } else {
            otherStatuses.merge(status, 1L, Long::sum);
        }
    }

    /** Counts one EMAIL_REPORT status. */
    void emailStatus(boolean delivered) {
        if (delivered) {
            emailDelivered++;
        } else {
            emailFailed++;
        }
    }

    static void record(Histogram histogram, long nanos) {
        histogram.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, nanos / 1000)));
    }

    long errors() {
        return errors;
    }

    Map<String, Long> errorsByCode() {
        return new TreeMap<>(errorsByCode);
    }

    /** Reports by status as text keys ({@code "4001"}, or {@code "delivered"} and {@code "failed"} for email). */
    Map<String, Long> reportsByStatus() {
        Map<String, Long> out = new TreeMap<>();
        for (int i = 0; i < statusCounts.length; i++) {
            if (statusCounts[i] > 0) {
                out.put(Integer.toString(FIRST_STATUS + i), statusCounts[i]);
            }
        }
        otherStatuses.forEach((status, n) -> out.put(Integer.toString(status), n));
        putIfPositive(out, "delivered", emailDelivered);
        putIfPositive(out, "failed", emailFailed);
        return out;
    }

    Map<String, Long> callbacksByType() {
        Map<String, Long> out = new TreeMap<>();
        putIfPositive(out, "SMS_REPORT", smsReports);
        putIfPositive(out, "SMS_REPLY", smsReplies);
        putIfPositive(out, "EMAIL_REPORT", emailReports);
        putIfPositive(out, "other", otherCallbacks);
        return out;
    }

    private static void putIfPositive(Map<String, Long> map, String key, long value) {
        if (value > 0) {
            map.put(key, value);
        }
    }
}
