package org.cmppgw.gateway.correlation;

import org.cmppgw.gateway.callback.outbox.NewCallbacks;
import org.cmppgw.gateway.callback.outbox.OutboxRows;
import org.cmppgw.gateway.model.CarrierReport;
import org.cmppgw.gateway.model.FinalReport;
import org.cmppgw.gateway.model.MessageStatus;
import org.cmppgw.gateway.model.ReportOutcome;
import org.cmppgw.gateway.persistence.sql.Dialect;
import org.cmppgw.gateway.persistence.sql.InQuery;
import org.cmppgw.gateway.persistence.sql.LongList;
import org.cmppgw.gateway.persistence.sql.MessagesHeldInRows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides final statuses from a batch's {@link PartEvent}s: a message is DELIVERED when all its parts are, FAILED as
 * soon as one part fails (keeping that part's Stat). It reads the messages with their finals (locked on MariaDB, so
 * two nodes never decide one message at once) and the part reports already stored, decides in order in memory, then
 * writes part rows, final rows, SMS_REPORT outbox rows and pending deletions as JDBC batches. A message becomes final
 * once: later events about it are duplicates.
 *
 * <p>A report that names another handset than its message's ({@link Handsets}) is not applied: it is kept in
 * mismatched_report ({@link MismatchedReports}) whatever the message's state. The check is made here, from the message
 * row this read locks anyway, rather than by a join in each of the report lookups.
 */
public final class Finalizer {
    private static final String INSERT_PART = "INSERT INTO message_part (msg_id, part_no, provider, carrier_msg_id,"
        + " stat, reported_at) VALUES (?, ?, ?, ?, ?, ?)";
    /** callback_node: the node holding the report callback in this row (V32__report_callback_in_final.sql). */
    private static final String INSERT_FINAL = "INSERT INTO message_final (msg_id, app_key, mobile, status, stat,"
        + " final_at, callback_node, pulled) VALUES (?, ?, ?, ?, ?, ?, ?, 0)";
    private final InQuery selectHeads;
    private final InQuery selectParts;
    private final PendingDeletion pending;

    /** The message's fields a decision needs. */
    private record Head(String appKey, String mobile, String callbackUrl, int parts) {
    }

    /** Parts of a long message with a final report: seen, and of those, delivered. */
    private record Parts(BitSet seen, BitSet delivered) {
    }

    private record Decision(PartEvent event, Head head, MessageStatus status) {
    }

    public Finalizer(Dialect dialect, MessagesHeldInRows heldInRows) {
        // One read for the messages and whether each is final already: one round trip less per batch.
        this.selectHeads = new InQuery(dialect,
            "SELECT m.msg_id, m.app_key, m.mobile, m.callback_url, m.parts, f.msg_id FROM message m"
                + " LEFT JOIN message_final f ON f.msg_id = m.msg_id WHERE m.msg_id IN (",
            ") ORDER BY m.msg_id" + dialect.messageLock());
        this.selectParts = new InQuery(dialect, "SELECT msg_id, part_no, stat FROM message_part WHERE msg_id IN (",
            ")");
        this.pending = new PendingDeletion(dialect, heldInRows);
    }

    public void apply(Connection connection, List<PartEvent> events, long nowMillis, NewCallbacks callbacks)
            throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        LongList ids = new LongList();
        for (PartEvent e : events) {
            ids.add(e.msgId());
        }
        ids.distinctSorted();
        Map<Long, Head> heads = new HashMap<>();
        Set<Long> finals = new HashSet<>();
        selectHeads.forEach(connection, ids.values(), ids.size(), row -> {
            long msgId = row.getLong(1);
            heads.put(msgId, new Head(row.getString(2), row.getString(3), row.getString(4), row.getInt(5)));
            row.getLong(6);
            if (!row.wasNull()) {
                finals.add(msgId);
            }
        });
        Map<Long, Parts> parts = loadParts(connection, heads, finals);

        List<PartEvent> newParts = new ArrayList<>();
        List<Decision> decisions = new ArrayList<>();
        MismatchedReports mismatches = new MismatchedReports();
        for (PartEvent e : events) {
            Head head = heads.get(e.msgId());
            ReportOutcome outcome;
            if (head == null) {
                outcome = null;
            } else if (!Handsets.same(e.reportedMobile(), head.mobile())) {
                mismatches.add(e);
                outcome = ReportOutcome.MISMATCHED;
            } else {
                outcome = decide(e, head, finals, parts, newParts, decisions);
            }
            if (e.sink() != null) {
                e.sink().outcome(outcome);
            }
        }
        mismatches.write(connection);
        write(connection, newParts, decisions, nowMillis, callbacks);
    }

    private static ReportOutcome decide(PartEvent e, Head head, Set<Long> finals, Map<Long, Parts> parts,
                                        List<PartEvent> newParts, List<Decision> decisions) {
        if (finals.contains(e.msgId())) {
            return ReportOutcome.DUPLICATE;
        }
        MessageStatus status;
        if (e.wholeMessage() || head.parts() == 1) {
            status = e.delivered() ? MessageStatus.DELIVERED : MessageStatus.FAILED;
        } else {
            Parts known = parts.computeIfAbsent(e.msgId(), id -> new Parts(new BitSet(), new BitSet()));
            if (known.seen().get(e.partNo())) {
                return ReportOutcome.DUPLICATE;
            }
            known.seen().set(e.partNo());
            newParts.add(e);
            if (e.delivered()) {
                known.delivered().set(e.partNo());
                if (known.delivered().cardinality() < head.parts()) {
                    return ReportOutcome.PART;
                }
            }
            status = e.delivered() ? MessageStatus.DELIVERED : MessageStatus.FAILED;
        }
        finals.add(e.msgId());
        decisions.add(new Decision(e, head, status));
        return ReportOutcome.FINAL;
    }

    private Map<Long, Parts> loadParts(Connection connection, Map<Long, Head> heads, Set<Long> finals)
            throws SQLException {
        Map<Long, Parts> parts = new HashMap<>();
        LongList longOnes = new LongList();
        heads.forEach((msgId, head) -> {
            if (head.parts() > 1 && !finals.contains(msgId)) {
                longOnes.add(msgId);
            }
        });
        if (longOnes.size() > 0) {
            selectParts.forEach(connection, longOnes.values(), longOnes.size(), row -> {
                Parts p = parts.computeIfAbsent(row.getLong(1), id -> new Parts(new BitSet(), new BitSet()));
                p.seen().set(row.getInt(2));
                if (CarrierReport.DELIVERED.equals(row.getString(3))) {
                    p.delivered().set(row.getInt(2));
                }
            });
        }
        return parts;
    }

    private void write(Connection connection, List<PartEvent> newParts, List<Decision> decisions,
                       long nowMillis, NewCallbacks callbacks) throws SQLException {
        if (!newParts.isEmpty()) {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_PART)) {
                for (PartEvent e : newParts) {
                    insert.setLong(1, e.msgId());
                    insert.setInt(2, e.partNo());
                    insert.setString(3, e.provider());
                    insert.setLong(4, e.carrierMsgId());
                    insert.setString(5, e.stat());
                    insert.setLong(6, e.atMillis());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
        if (decisions.isEmpty()) {
            return;
        }
        LongList stillPending = new LongList();
        try (PreparedStatement insert = connection.prepareStatement(INSERT_FINAL);
             OutboxRows outbox = new OutboxRows(connection, nowMillis, callbacks)) {
            for (Decision d : decisions) {
                PartEvent e = d.event();
                insert.setLong(1, e.msgId());
                insert.setString(2, d.head().appKey());
                insert.setString(3, d.head().mobile());
                insert.setInt(4, d.status().code());
                insert.setString(5, e.stat());
                insert.setLong(6, e.atMillis());
                if (d.head().callbackUrl() != null && outbox.addReport(d.head().appKey(), d.head().callbackUrl(),
                        new FinalReport(e.msgId(), d.head().mobile(), d.status(), e.stat(),
                            Instant.ofEpochMilli(e.atMillis())))) {
                    insert.setInt(7, outbox.nodeId());
                } else {
                    insert.setNull(7, Types.SMALLINT);
                }
                insert.addBatch();
                // A single-part message matched by a report left pending when its submit was recorded.
                if (e.wholeMessage() || d.head().parts() > 1) {
                    stillPending.add(e.msgId());
                }
            }
            insert.executeBatch();
            outbox.execute();
        }
        pending.apply(connection, stillPending);
    }
}
