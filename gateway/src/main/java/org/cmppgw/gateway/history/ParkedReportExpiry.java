package org.cmppgw.gateway.history;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Deletes parked reports (reports that arrived before any submit they could match, docs/design.md §3) that are still
 * unmatched {@code expiry.parkedReport} after they were parked: their submit is never going to be recorded (a
 * carrier's report for another account, a Msg_Id the carrier garbled). Matching is retried every few seconds before
 * that by the parked-report sweep. Reports that matched but named another handset live in mismatched_report and are
 * kept with their message instead ({@link HistoryPurge}).
 */
public final class ParkedReportExpiry {
    private final HistoryStore store;
    private final Clock clock;
    private final long ttlMillis;
    private final BatchPace pace;

    public ParkedReportExpiry(HistoryStore store, Clock clock, Duration ttl, BatchPace pace) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl: " + ttl + " (expected: > 0)");
        }
        this.ttlMillis = ttl.toMillis();
        this.pace = Objects.requireNonNull(pace, "pace");
    }

    /** Deletes every parked report older than the time to live; returns how many. */
    public long round() {
        long before = clock.millis() - ttlMillis;
        long deleted = 0;
        pace.begin();
        int n;
        do {
            n = store.deleteParkedReportsBefore(before, pace.batchSize());
            deleted += n;
        } while (n == pace.batchSize() && pace.rest());
        return deleted;
    }
}
