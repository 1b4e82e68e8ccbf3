package org.cmppgw.gateway.history;

import org.cmppgw.gateway.model.MessageIdGenerator;
import org.cmppgw.gateway.model.MessageStatus;
import org.cmppgw.gateway.persistence.CorrelationStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Ends the life of a message whose parts were all submitted but that got no final report within {@code
 * expiry.noReport} of its last submit: FAILED with the stat {@value #STAT} (docs/api.md, "Callbacks"), through
 * {@link CorrelationStore#recordFinal}, the path every final status takes, so its SMS_REPORT callback is written once,
 * in the same transaction, like any other.
 *
 * <p>A durable cursor walks the message table in msg_id order up to the messages accepted {@code noReport} ago, one
 * page per transaction: each message is looked at once, and a restart goes on where the last run stopped (a page
 * done again only meets messages already final: {@code recordFinal} answers false and writes nothing). Messages the
 * cursor passes that cannot expire yet (still queued, or submitted late) go to a watch list that each round checks a
 * page of. Several nodes may run it at once.
 */
public final class NoReportExpiry {
    /** The stat of a message expired for want of a report. */
    public static final String STAT = "GW:NOREPORT";
    static final String CURSOR = "no_report";
    /** recordFinal calls in flight at once: well within the status lane's queue. */
    private static final int FINALS_IN_FLIGHT = 500;

    private final HistoryStore store;
    private final CorrelationStore statuses;
    private final Clock clock;
    private final long noReportMillis;
    private final BatchPace pace;
    /** Where the next look at the watch list starts (0: its start). */
    private long watchedFrom;

    public NoReportExpiry(HistoryStore store, CorrelationStore statuses, Clock clock, Duration noReport,
                          BatchPace pace) {
        this.store = Objects.requireNonNull(store, "store");
        this.statuses = Objects.requireNonNull(statuses, "statuses");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (noReport.isNegative() || noReport.isZero()) {
            throw new IllegalArgumentException("noReport: " + noReport + " (expected: > 0)");
        }
        this.noReportMillis = noReport.toMillis();
        this.pace = Objects.requireNonNull(pace, "pace");
    }

    /**
     * Walks from the cursor to the messages accepted {@code noReport} ago, then checks one page of the watch list.
     *
     * @return how many messages this round made final
     */
    public int round() {
        long now = clock.millis();
        long horizon = now - noReportMillis;
        if (horizon <= MessageIdGenerator.EPOCH_MILLIS) {
            return 0;
        }
        long before = MessageIdGenerator.firstIdOf(horizon);
        pace.begin();
        long cursor = store.cursor(CURSOR);
        if (cursor == 0) {
            cursor = store.firstMessageId() - 1;
        }
        int expired = 0;
        while (cursor >= 0) {
            List<HistoryStore.Scanned> page = store.scan(cursor, before, pace.batchSize());
            if (page.isEmpty()) {
                break;
            }
            List<Long> open = new ArrayList<>();
            List<Long> watch = new ArrayList<>();
            for (HistoryStore.Scanned s : page) {
                if (s.pending()) {
                    watch.add(s.msgId());
                } else if (!s.isFinal()) {
                    open.add(s.msgId());
                }
            }
            expired += expire(due(open, horizon, watch), now);
            cursor = page.get(page.size() - 1).msgId();
            store.advance(CURSOR, cursor, watch);
            if (page.size() < pace.batchSize() || !pace.rest()) {
                break;
            }
        }
        return expired + checkWatched(now, horizon);
    }

    /** One page of the watch list: what ended is dropped, what is due expires, the rest stays. */
    private int checkWatched(long now, long horizon) {
        List<HistoryStore.Scanned> page = store.scanWatched(watchedFrom, pace.batchSize());
        watchedFrom = page.size() < pace.batchSize() ? 0 : page.get(page.size() - 1).msgId();
        List<Long> done = new ArrayList<>();
        List<Long> open = new ArrayList<>();
        for (HistoryStore.Scanned s : page) {
            if (s.isFinal()) {
                done.add(s.msgId());
            } else if (!s.pending()) {
                open.add(s.msgId());
            }
        }
        List<Long> due = due(open, horizon, new ArrayList<>());
        int expired = expire(due, now);
        done.addAll(due);
        store.unwatch(done);
        return expired;
    }

    /** Of {@code open} (submitted, not final), those last submitted before {@code horizon}; the others to watch. */
    private List<Long> due(List<Long> open, long horizon, List<Long> watch) {
        List<Long> due = new ArrayList<>();
        Map<Long, Long> submitted = store.lastSubmittedAt(open);
        for (long msgId : open) {
            // No submit row at all (a store from before submits were recorded): its accept time decides.
            long last = submitted.getOrDefault(msgId, MessageIdGenerator.epochMillisOf(msgId));
            if (last < horizon) {
                due.add(msgId);
            } else {
                watch.add(msgId);
            }
        }
        return due;
    }

    private int expire(List<Long> due, long now) {
        int expired = 0;
        Instant at = Instant.ofEpochMilli(now);
        for (int from = 0; from < due.size(); from += FINALS_IN_FLIGHT) {
            List<CompletableFuture<Boolean>> finals = new ArrayList<>();
            for (long msgId : due.subList(from, Math.min(due.size(), from + FINALS_IN_FLIGHT))) {
                finals.add(statuses.recordFinal(msgId, MessageStatus.FAILED, STAT, at));
            }
            for (CompletableFuture<Boolean> f : finals) {
                // A failure propagates: the cursor stays, and the next round does this page again.
                if (f.join()) {
                    expired++;
                }
            }
        }
        return expired;
    }
}
