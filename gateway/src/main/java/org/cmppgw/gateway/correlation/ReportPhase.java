package org.cmppgw.gateway.correlation;

import org.cmppgw.gateway.model.CarrierReport;
import org.cmppgw.gateway.model.ReportOutcome;
import org.cmppgw.gateway.model.SubmitOutcome;
import org.cmppgw.gateway.persistence.sql.Dialect;
import org.cmppgw.gateway.persistence.sql.InQuery;
import org.cmppgw.gateway.persistence.sql.LongList;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Correlates carrier reports with recorded submits on (provider, carrier Msg_Id) (docs/cmpp-protocol.md §10.2). A
 * matched report becomes a {@link PartEvent}; an unmatched one is parked in parked_report, and matched later when its
 * submit is recorded (in that batch, by {@link #matchParkedFor}) or by the periodic sweep ({@link #sweep}), which
 * covers two nodes recording the report and the submit at the same moment.
 *
 * <p>A report whose Dest_terminal_Id is not the matched message's mobile ({@link Handsets}) is not applied: the Msg_Id
 * may have been recorded under the wrong message (a SUBMIT_RESP answered on another connection, §10.2). It is kept in
 * mismatched_report for the operator and counted ({@link ReportOutcome#MISMATCHED}), on every path: at once, from
 * the parked reports when a submit is recorded, and in the sweep.
 */
public final class ReportPhase {
    private static final String INSERT_PARKED = "INSERT INTO parked_report (provider, carrier_msg_id, stat, mobile,"
        + " received_at, parked_at) VALUES (?, ?, ?, ?, ?, ?)";
    private static final String DELETE_PARKED = "DELETE FROM parked_report WHERE id = ?";
    private static final String SWEEP = "SELECT p.id, p.provider, p.carrier_msg_id, p.stat, p.received_at, s.msg_id,"
        + " s.part_no, p.mobile, m.mobile FROM parked_report p JOIN carrier_submit s"
        + " ON s.carrier_msg_id = p.carrier_msg_id AND s.provider = p.provider AND s.result = 0"
        + " JOIN message m ON m.msg_id = s.msg_id ORDER BY p.id, s.id LIMIT ?";
    private static final String INSERT_MISMATCHED = "INSERT INTO mismatched_report (provider, carrier_msg_id, stat,"
        + " mobile, msg_id, part_no, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)";

    private final InQuery findSubmits;
    private final InQuery findParked;
    private final InQuery findMobiles;

    /** A recorded submit a report's Msg_Id points to, with the mobile its message went to. */
    private record SubmittedPart(long msgId, int partNo, String mobile) {
    }

    /** A report that names another handset than the message its Msg_Id points to. */
    private record Mismatch(String provider, long carrierMsgId, String stat, String reportedMobile, long msgId,
                            int partNo, long receivedAt) {
    }

    /** A carrier report waiting for its outcome: interim, parked, or what the {@link Finalizer} decides. */
    public interface Pending extends PartEvent.OutcomeSink {
        CarrierReport report();
    }

    public ReportPhase(Dialect dialect) {
        this.findSubmits = new InQuery(dialect, "SELECT s.provider, s.carrier_msg_id, s.msg_id, s.part_no, m.mobile"
            + " FROM carrier_submit s JOIN message m ON m.msg_id = s.msg_id"
            + " WHERE s.result = 0 AND s.carrier_msg_id IN (", ") ORDER BY s.id");
        this.findParked = new InQuery(dialect, "SELECT id, provider, carrier_msg_id, stat, received_at, mobile"
            + " FROM parked_report WHERE carrier_msg_id IN (", ") ORDER BY id");
        this.findMobiles = new InQuery(dialect, "SELECT msg_id, mobile FROM message WHERE msg_id IN (", ")");
    }

    /** Matches reports to submits; unmatched final reports are parked. Interim ones are ignored. */
    public void apply(Connection connection, List<? extends Pending> writes, long nowMillis, List<PartEvent> events)
            throws SQLException {
        LongList ids = new LongList();
        for (Pending write : writes) {
            if (write.report().isFinal()) {
                ids.add(write.report().carrierMsgId());
            } else {
                write.outcome(ReportOutcome.INTERIM);
            }
        }
        if (ids.size() == 0) {
            return;
        }
        ids.distinctSorted();
        Map<CarrierKey, SubmittedPart> parts = new HashMap<>();
        // Rows come oldest first, so a part sent again after a crash maps to its latest submit.
        findSubmits.forEach(connection, ids.values(), ids.size(), row -> parts.put(
            new CarrierKey(row.getString(1), row.getLong(2)),
            new SubmittedPart(row.getLong(3), row.getInt(4), row.getString(5))));
        List<Mismatch> mismatches = new ArrayList<>();
        try (PreparedStatement park = connection.prepareStatement(INSERT_PARKED)) {
            for (Pending write : writes) {
                CarrierReport r = write.report();
                if (!r.isFinal()) {
                    continue;
                }
                SubmittedPart part = parts.get(new CarrierKey(r.provider(), r.carrierMsgId()));
                long receivedAt = r.receivedAt().toEpochMilli();
                if (part == null) {
                    bindParked(park, r, nowMillis);
                    park.addBatch();
                    write.outcome(ReportOutcome.PARKED);
                } else if (!Handsets.same(r.mobile(), part.mobile())) {
                    mismatches.add(new Mismatch(r.provider(), r.carrierMsgId(), r.stat(), r.mobile(), part.msgId(),
                        part.partNo(), receivedAt));
                    write.outcome(ReportOutcome.MISMATCHED);
                } else {
                    events.add(new PartEvent(part.msgId(), part.partNo(), r.delivered(), r.stat(), r.provider(),
                        r.carrierMsgId(), receivedAt, write));
                }
            }
            park.executeBatch();
        }
        keepMismatched(connection, mismatches);
    }

    /** Reports parked for the Msg_Ids of {@code accepted} submits become events now. */
    void matchParkedFor(Connection connection, List<SubmitOutcome> accepted, List<PartEvent> events)
            throws SQLException {
        if (accepted.isEmpty()) {
            return;
        }
        Map<CarrierKey, SubmitOutcome> byKey = new HashMap<>();
        LongList ids = new LongList();
        for (SubmitOutcome o : accepted) {
            byKey.put(new CarrierKey(o.provider(), o.carrierMsgId()), o);
            ids.add(o.carrierMsgId());
        }
        ids.distinctSorted();
        LongList matched = new LongList();
        List<Mismatch> candidates = new ArrayList<>();
        LongList msgIds = new LongList();
        findParked.forEach(connection, ids.values(), ids.size(), row -> {
            String provider = row.getString(2);
            SubmitOutcome o = byKey.get(new CarrierKey(provider, row.getLong(3)));
            if (o != null) {
                matched.add(row.getLong(1));
                candidates.add(new Mismatch(provider, row.getLong(3), row.getString(4), row.getString(6), o.msgId(),
                    o.partNumber(), row.getLong(5)));
                msgIds.add(o.msgId());
            }
        });
        if (candidates.isEmpty()) {
            return;
        }
        msgIds.distinctSorted();
        Map<Long, String> mobiles = new HashMap<>();
        findMobiles.forEach(connection, msgIds.values(), msgIds.size(), row -> mobiles.put(row.getLong(1),
            row.getString(2)));
        List<Mismatch> mismatches = new ArrayList<>();
        for (Mismatch c : candidates) {
            if (Handsets.same(c.reportedMobile(), mobiles.getOrDefault(c.msgId(), ""))) {
                events.add(parkedEvent(c.msgId(), c.partNo(), c.provider(), c.carrierMsgId(), c.stat(),
                    c.receivedAt()));
            } else {
                mismatches.add(c);
            }
        }
        deleteParked(connection, matched);
        keepMismatched(connection, mismatches);
    }

    /** Matches up to {@code max} parked reports whose submits exist by now; returns how many. */
    public int sweep(Connection connection, int max, List<PartEvent> events) throws SQLException {
        Map<Long, Mismatch> byParkedId = new HashMap<>();
        Map<Long, String> sentTo = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(SWEEP)) {
            select.setInt(1, max);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    // The last submit of a part wins, as in apply().
                    long parkedId = rows.getLong(1);
                    byParkedId.put(parkedId, new Mismatch(rows.getString(2), rows.getLong(3), rows.getString(4),
                        rows.getString(8), rows.getLong(6), rows.getInt(7), rows.getLong(5)));
                    sentTo.put(parkedId, rows.getString(9));
                }
            }
        }
        List<Long> parkedIds = new ArrayList<>(byParkedId.keySet());
        parkedIds.sort(null);
        List<Mismatch> mismatches = new ArrayList<>();
        for (Long id : parkedIds) {
            Mismatch c = byParkedId.get(id);
            if (Handsets.same(c.reportedMobile(), sentTo.get(id))) {
                events.add(parkedEvent(c.msgId(), c.partNo(), c.provider(), c.carrierMsgId(), c.stat(),
                    c.receivedAt()));
            } else {
                mismatches.add(c);
            }
        }
        deleteParked(connection, LongList.of(parkedIds));
        keepMismatched(connection, mismatches);
        return parkedIds.size();
    }

    private static void keepMismatched(Connection connection, List<Mismatch> mismatches) throws SQLException {
        if (mismatches.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_MISMATCHED)) {
            for (Mismatch m : mismatches) {
                insert.setString(1, m.provider());
                insert.setLong(2, m.carrierMsgId());
                insert.setString(3, m.stat());
                insert.setString(4, m.reportedMobile());
                insert.setLong(5, m.msgId());
                insert.setInt(6, m.partNo());
                insert.setLong(7, m.receivedAt());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static PartEvent parkedEvent(long msgId, int partNo, String provider, long carrierMsgId, String stat,
                                         long receivedAt) {
        return new PartEvent(msgId, partNo, CarrierReport.DELIVERED.equals(stat), stat, provider, carrierMsgId,
            receivedAt, null);
    }

    private static void deleteParked(Connection connection, LongList ids) throws SQLException {
        if (ids.size() == 0) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement(DELETE_PARKED)) {
            for (int i = 0; i < ids.size(); i++) {
                delete.setLong(1, ids.get(i));
                delete.addBatch();
            }
            delete.executeBatch();
        }
    }

    private static void bindParked(PreparedStatement statement, CarrierReport r, long nowMillis) throws SQLException {
        statement.setString(1, r.provider());
        statement.setLong(2, r.carrierMsgId());
        statement.setString(3, r.stat());
        statement.setString(4, r.mobile());
        statement.setLong(5, r.receivedAt().toEpochMilli());
        statement.setLong(6, nowMillis);
    }
}
