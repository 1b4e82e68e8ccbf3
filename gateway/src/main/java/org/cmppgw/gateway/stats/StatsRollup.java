package org.cmppgw.gateway.stats;

import org.cmppgw.gateway.history.BatchPace;
import org.cmppgw.gateway.model.MessageIdGenerator;
import org.cmppgw.gateway.model.MessageStatus;
import org.cmppgw.gateway.persistence.StoreException;
import org.cmppgw.gateway.persistence.sql.Dialect;
import org.cmppgw.gateway.persistence.sql.InQuery;
import org.cmppgw.gateway.persistence.sql.Transactions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Keeps V22's hourly rollup (docs/operations.md "Statistics") from the message store, off the sending path: a durable
 * cursor walks the message table in msg_id order up to the messages accepted {@code lag} ago, one page per
 * transaction, and counts each message in the hour it was accepted. Messages it passes before they are final go to a
 * watch list, which every round looks at again, adding only what changed (a submit, a provider, the final status);
 * a final message leaves the list. So each message is read about once, and hours long past are never read again.
 *
 * <p>Every step first locks the cursor's row ({@code SELECT ... FOR UPDATE}) and commits its counts, its watch list
 * changes and the cursor's new place together: a crash leaves a step done or not at all, and a second node running
 * the same round waits for the lock and then finds the work done, so nothing is counted twice. Rows older than the
 * rollup's own retention are deleted; the history purge never touches them.
 */
public final class StatsRollup {
    static final String CURSOR = "stats_hour";
    private static final String LOCK = "SELECT position FROM history_cursor WHERE name = ? FOR UPDATE";
    private static final String MOVE = "UPDATE history_cursor SET position = ? WHERE name = ?";
    private static final String FIRST = "SELECT MIN(msg_id) FROM message";
    private static final String PAGE = "SELECT m.msg_id, m.app_key, m.template_id, m.accepted_at, f.status, f.stat,"
        + " f.final_at FROM message m LEFT JOIN message_final f ON f.msg_id = m.msg_id"
        + " WHERE m.msg_id > ? AND m.msg_id < ? ORDER BY m.msg_id LIMIT ?";
    private static final String WATCHED = "SELECT w.msg_id, m.app_key, m.template_id, m.accepted_at, f.status, f.stat,"
        + " f.final_at, m.msg_id, w.provider, w.submitted FROM stats_watch w"
        + " LEFT JOIN message m ON m.msg_id = w.msg_id LEFT JOIN message_final f ON f.msg_id = w.msg_id"
        + " WHERE w.msg_id > ? ORDER BY w.msg_id LIMIT ?";
    private static final String WATCH = "INSERT INTO stats_watch (msg_id, provider, submitted) VALUES (?, ?, ?)"
        + " ON DUPLICATE KEY UPDATE provider = VALUES(provider), submitted = VALUES(submitted)";
    private static final String UNWATCH = "DELETE FROM stats_watch WHERE msg_id = ?";
    private static final String PRUNE = "DELETE FROM stats_hour WHERE hour_start < ? LIMIT ?";
    private static final String ADD = add();

    private final Transactions transactions;
    private final InQuery submits;
    private final Clock clock;
    private final long lagMillis;
    private final long retentionMillis;
    private final BatchPace pace;

    /** What one round did. */
    public record Round(long counted, long recounted, long pruned) {
    }

    /**
     * @param lag       messages accepted less than this ago are left for a later round: their rows may not all be
     *                  committed yet (a msg_id is drawn before its row is written)
     * @param retention rollup rows are kept this long
     */
    public StatsRollup(DataSource dataSource, Clock clock, Duration lag, Duration retention, BatchPace pace) {
        this.transactions = new Transactions(Objects.requireNonNull(dataSource, "dataSource"), "stats");
        this.submits = new InQuery(Dialect.of(dataSource), "SELECT msg_id, id, provider, result, submitted_at"
            + " FROM carrier_submit WHERE msg_id IN (", ")");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (lag.isNegative()) {
            throw new IllegalArgumentException("lag: " + lag + " (expected: >= 0)");
        }
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention: " + retention + " (expected: > 0)");
        }
        this.lagMillis = lag.toMillis();
        this.retentionMillis = retention.toMillis();
        this.pace = Objects.requireNonNull(pace, "pace");
    }

    private static String add() {
        StringBuilder columns = new StringBuilder("hour_start, app_key, template_id, provider, accepted, submitted,"
            + " delivered, failed, no_report");
        StringBuilder update = new StringBuilder(" ON DUPLICATE KEY UPDATE accepted = accepted + VALUES(accepted),"
            + " submitted = submitted + VALUES(submitted), delivered = delivered + VALUES(delivered),"
            + " failed = failed + VALUES(failed), no_report = no_report + VALUES(no_report)");
        for (int i = 0; i < LatencyBuckets.COUNT; i++) {
            columns.append(", lat_").append(i);
            update.append(", lat_").append(i).append(" = lat_").append(i).append(" + VALUES(lat_").append(i)
                .append(')');
        }
        StringBuilder values = new StringBuilder("?, ?, ?, ?");
        for (int i = 0; i < Figures.SLOTS; i++) {
            values.append(", ?");
        }
        return "INSERT INTO stats_hour (" + columns + ") VALUES (" + values + ")" + update;
    }

    /** Counts new messages, then what changed for the watched ones, then deletes rows past the retention. */
    public Round round() {
        long horizon = clock.millis() - lagMillis;
        pace.begin();
        long counted = 0;
        if (horizon > MessageIdGenerator.EPOCH_MILLIS) {
            long before = MessageIdGenerator.firstIdOf(horizon);
            int n;
            do {
                n = transactions.run("count", c -> count(c, before));
                counted += n;
            } while (n == pace.batchSize() && pace.rest());
        }
        long recounted = 0;
        long[] from = {0};
        int n;
        do {
            Recount page = transactions.run("recount", c -> recount(c, from[0]));
            n = page.size;
            recounted += page.changed;
            from[0] = page.last;
        } while (n == pace.batchSize() && pace.rest());
        long pruned = 0;
        long cutoff = HourKey.hourOf(clock.millis() - retentionMillis);
        do {
            n = transactions.run("prune", c -> prune(c, cutoff));
            pruned += n;
        } while (n == pace.batchSize() && pace.rest());
        return new Round(counted, recounted, pruned);
    }

    /** One page of new messages: counted, the open ones watched, the cursor moved past them. */
    private int count(Connection c, long beforeMsgId) throws SQLException {
        long cursor = lock(c);
        if (cursor == 0) {
            cursor = first(c) - 1;
            if (cursor < 0) {
                return 0;
            }
        }
        Map<Long, Seen> page = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement(PAGE)) {
            s.setLong(1, cursor);
            s.setLong(2, beforeMsgId);
            s.setInt(3, pace.batchSize());
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    page.put(rows.getLong(1), Seen.of(rows));
                }
            }
        }
        if (page.isEmpty()) {
            return 0;
        }
        readSubmits(c, page);
        Map<HourKey, Figures> deltas = new HashMap<>();
        List<Seen> open = new ArrayList<>();
        long last = cursor;
        for (Map.Entry<Long, Seen> e : page.entrySet()) {
            Seen seen = e.getValue();
            Counted now = seen.counted();
            now.addTo(deltas, 1);
            if (now.outcome() == Counted.Outcome.OPEN) {
                open.add(seen);
            }
            last = e.getKey();
        }
        write(c, deltas);
        try (PreparedStatement s = c.prepareStatement(WATCH)) {
            for (Seen seen : open) {
                s.setLong(1, seen.msgId);
                s.setString(2, seen.provider);
                s.setInt(3, seen.submitted ? 1 : 0);
                s.addBatch();
            }
            if (!open.isEmpty()) {
                s.executeBatch();
            }
        }
        try (PreparedStatement s = c.prepareStatement(MOVE)) {
            s.setLong(1, last);
            s.setString(2, CURSOR);
            s.executeUpdate();
        }
        return page.size();
    }

    /** A page of the watch list after {@code fromMsgId}, looked at again. */
    private record Recount(int size, long last, int changed) {
    }

    private Recount recount(Connection c, long fromMsgId) throws SQLException {
        lock(c);
        Map<Long, Seen> page = new LinkedHashMap<>();
        Map<Long, Counted> before = new HashMap<>();
        List<Long> gone = new ArrayList<>();
        long last = fromMsgId;
        int size = 0;
        try (PreparedStatement s = c.prepareStatement(WATCHED)) {
            s.setLong(1, fromMsgId);
            s.setInt(2, pace.batchSize());
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    size++;
                    last = rows.getLong(1);
                    rows.getLong(8);
                    if (rows.wasNull()) {
                        // Purged (or deleted by hand) while watched: what was counted stays counted.
                        gone.add(last);
                        continue;
                    }
                    Seen seen = Seen.of(rows);
                    page.put(last, seen);
                    before.put(last, new Counted(HourKey.hourOf(seen.acceptedAt), seen.appKey, seen.templateId,
                        rows.getString(9), rows.getInt(10) == 1, Counted.Outcome.OPEN, -1));
                }
            }
        }
        readSubmits(c, page);
        Map<HourKey, Figures> deltas = new HashMap<>();
        List<Seen> changed = new ArrayList<>();
        for (Map.Entry<Long, Seen> e : page.entrySet()) {
            Counted was = before.get(e.getKey());
            Counted now = e.getValue().counted();
            if (!was.equals(now)) {
                was.addTo(deltas, -1);
                now.addTo(deltas, 1);
                changed.add(e.getValue());
            }
            if (now.outcome() != Counted.Outcome.OPEN) {
                gone.add(e.getKey());
            }
        }
        write(c, deltas);
        try (PreparedStatement s = c.prepareStatement(WATCH)) {
            for (Seen seen : changed) {
                s.setLong(1, seen.msgId);
                s.setString(2, seen.provider);
                s.setInt(3, seen.submitted ? 1 : 0);
                s.addBatch();
            }
            if (!changed.isEmpty()) {
                s.executeBatch();
            }
        }
        try (PreparedStatement s = c.prepareStatement(UNWATCH)) {
            for (long msgId : gone) {
                s.setLong(1, msgId);
                s.addBatch();
            }
            if (!gone.isEmpty()) {
                s.executeBatch();
            }
        }
        return new Recount(size, last, changed.size());
    }

    private int prune(Connection c, long beforeHour) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(PRUNE)) {
            s.setLong(1, beforeHour);
            s.setInt(2, pace.batchSize());
            return s.executeUpdate();
        }
    }

    /** Locks the cursor's row for this transaction and returns its position. */
    private static long lock(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(LOCK)) {
            s.setString(1, CURSOR);
            try (ResultSet row = s.executeQuery()) {
                if (!row.next()) {
                    throw new StoreException("stats - the cursor row " + CURSOR + " is missing from history_cursor"
                        + " (written by migration V22)");
                }
                return row.getLong(1);
            }
        }
    }

    private static long first(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(FIRST); ResultSet row = s.executeQuery()) {
            return row.next() ? row.getLong(1) : 0;
        }
    }

    /** Each message's latest submit's provider, whether a carrier accepted a submit, and the last accepted one. */
    private void readSubmits(Connection c, Map<Long, Seen> page) throws SQLException {
        if (page.isEmpty()) {
            return;
        }
        long[] ids = page.keySet().stream().mapToLong(Long::longValue).toArray();
        submits.forEach(c, ids, ids.length, row -> {
            Seen seen = page.get(row.getLong(1));
            long id = row.getLong(2);
            if (id > seen.latestSubmitId) {
                seen.latestSubmitId = id;
                seen.provider = row.getString(3);
            }
            if (row.getInt(4) == 0) {
                seen.submitted = true;
                seen.lastSubmittedAt = Math.max(seen.lastSubmittedAt, row.getLong(5));
            }
        });
    }

    private static void write(Connection c, Map<HourKey, Figures> deltas) throws SQLException {
        boolean any = false;
        try (PreparedStatement s = c.prepareStatement(ADD)) {
            for (Map.Entry<HourKey, Figures> e : deltas.entrySet()) {
                if (e.getValue().isZero()) {
                    continue;
                }
                HourKey key = e.getKey();
                s.setLong(1, key.hourStart());
                s.setString(2, key.appKey());
                s.setLong(3, key.templateId());
                s.setString(4, key.provider());
                for (int i = 0; i < Figures.SLOTS; i++) {
                    s.setLong(5 + i, e.getValue().slot(i));
                }
                s.addBatch();
                any = true;
            }
            if (any) {
                s.executeBatch();
            }
        }
    }

    /** One message as a step reads it: its row, its final status, then its submits. Mutable while it is read. */
    private static final class Seen {
        private static final String GATEWAY_STAT = "GW:";
        private static final String NO_REPORT_STAT = "GW:NOREPORT";

        private final long msgId;
        private final String appKey;
        private final long templateId;
        private final long acceptedAt;
        private final int finalStatus;
        private final String stat;
        private final long finalAt;
        private String provider = "";
        private long latestSubmitId = Long.MIN_VALUE;
        private boolean submitted;
        private long lastSubmittedAt = Long.MIN_VALUE;

        private Seen(long msgId, String appKey, long templateId, long acceptedAt, int finalStatus, String stat,
                     long finalAt) {
            this.msgId = msgId;
            this.appKey = appKey;
            this.templateId = templateId;
            this.acceptedAt = acceptedAt;
            this.finalStatus = finalStatus;
            this.stat = stat;
            this.finalAt = finalAt;
        }

        /** Columns 1..7: msg_id, app_key, template_id, accepted_at, final status, stat, final_at. */
        static Seen of(ResultSet row) throws SQLException {
            int status = row.getInt(5);
            if (row.wasNull()) {
                status = -1;
            }
            return new Seen(row.getLong(1), row.getString(2), row.getLong(3), row.getLong(4), status,
                row.getString(6), row.getLong(7));
        }

        Counted counted() {
            Counted.Outcome outcome;
            if (finalStatus == MessageStatus.DELIVERED.code()) {
                outcome = Counted.Outcome.DELIVERED;
            } else if (finalStatus == MessageStatus.FAILED.code()) {
                outcome = NO_REPORT_STAT.equals(stat) ? Counted.Outcome.NO_REPORT : Counted.Outcome.FAILED;
            } else {
                outcome = Counted.Outcome.OPEN;
            }
            // Only a carrier's report has a latency: the gateway's own final stats (GW:...) do not.
            boolean reported = outcome != Counted.Outcome.OPEN && outcome != Counted.Outcome.NO_REPORT
                && submitted && stat != null && !stat.startsWith(GATEWAY_STAT);
            long latency = reported ? Math.max(0, finalAt - lastSubmittedAt) : -1;
            return new Counted(HourKey.hourOf(acceptedAt), appKey, templateId, provider, submitted, outcome,
                latency);
        }
    }
}
