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
 * matched report becomes a {@link PartEvent}; its submit is found among those this node recorded lately
 * ({@link RecentSubmits}), else looked up in carrier_submit. An unmatched one is parked in parked_report, and matched
 * later when its submit is recorded (in that batch, by {@link #matchParkedFor}) or by the periodic sweep
 * ({@link #sweep}), which covers two nodes recording the report and the submit at the same moment.
 *
 * <p>Every event carries the report's Dest_terminal_Id. Whether it names the handset of the message the Msg_Id points
 * to is the {@link Finalizer}'s check, on every path alike, because the Finalizer reads the message anyway: the
 * lookups here touch carrier_submit and parked_report only.
 */
public final class ReportPhase {
    private static final String INSERT_PARKED = "INSERT INTO parked_report (provider, carrier_msg_id, stat, mobile,"
        + " received_at, parked_at) VALUES (?, ?, ?, ?, ?, ?)";
    private static final String DELETE_PARKED = "DELETE FROM parked_report WHERE id = ?";
    private static final String ANY_PARKED = "SELECT 1 FROM parked_report LIMIT 1";
    private static final String SWEEP = "SELECT p.id, p.provider, p.carrier_msg_id, p.stat, p.received_at, s.msg_id,"
        + " s.part_no, p.mobile FROM parked_report p JOIN carrier_submit s"
        + " ON s.carrier_msg_id = p.carrier_msg_id AND s.provider = p.provider AND s.result = 0"
        + " ORDER BY p.id, s.id LIMIT ?";

    private final InQuery findSubmits;
    private final InQuery findParked;
    private final RecentSubmits recent = new RecentSubmits();

    /** A submit in carrier_submit a report's Msg_Id points to. */
    private record StoredSubmit(long msgId, int partNo, long submitId) {
    }

    /** A carrier report waiting for its outcome: interim, parked, or what the {@link Finalizer} decides. */
    public interface Pending extends PartEvent.OutcomeSink {
        CarrierReport report();
    }

    public ReportPhase(Dialect dialect) {
        // carrier_submit is large and append-only, its Msg_Ids nearly unique: its statistics are good enough to plan by
        this.findSubmits = new InQuery(dialect, dialect.planFromStatistics() + "SELECT provider, carrier_msg_id,"
            + " msg_id, part_no, id FROM carrier_submit WHERE result = 0 AND carrier_msg_id IN (", ")");
        this.findParked = new InQuery(dialect, "SELECT id, provider, carrier_msg_id, stat, received_at, mobile"
            + " FROM parked_report WHERE carrier_msg_id IN (", ") ORDER BY id");
    }

    /** The lookup of the submits of {@code n} Msg_Ids (a test looks at its plan). */
    String findSubmitsSql(int n) {
        return findSubmits.sql(n);
    }

    /** A transaction of the status lane begins. */
    public void begin() {
        recent.begin();
    }

    /** The status lane's transaction committed: the submits it recorded are matched from memory from now on. */
    public void committed() {
        recent.committed();
    }

    /** Matches reports to submits; unmatched final reports are parked. Interim ones are ignored. */
    public void apply(Connection connection, List<? extends Pending> writes, long nowMillis, List<PartEvent> events)
            throws SQLException {
        Map<CarrierKey, StoredSubmit> parts = new HashMap<>();
        LongList ids = new LongList();
        for (Pending write : writes) {
            CarrierReport r = write.report();
            if (!r.isFinal()) {
                write.outcome(ReportOutcome.INTERIM);
                continue;
            }
            CarrierKey key = new CarrierKey(r.provider(), r.carrierMsgId());
            RecentSubmits.SubmittedPart recorded = recent.take(key);
            if (recorded == null) {
                ids.add(r.carrierMsgId());
            } else {
                // this node's latest submit of the Msg_Id: it outranks any row a lookup in this batch finds
                parts.put(key, new StoredSubmit(recorded.msgId(), recorded.partNo(), Long.MAX_VALUE));
            }
        }
        lookUp(connection, ids, parts);
        try (PreparedStatement park = connection.prepareStatement(INSERT_PARKED)) {
            for (Pending write : writes) {
                CarrierReport r = write.report();
                if (!r.isFinal()) {
                    continue;
                }
                StoredSubmit part = parts.get(new CarrierKey(r.provider(), r.carrierMsgId()));
                if (part == null) {
                    bindParked(park, r, nowMillis);
                    park.addBatch();
                    write.outcome(ReportOutcome.PARKED);
                } else {
                    events.add(new PartEvent(part.msgId(), part.partNo(), r.delivered(), r.stat(), r.provider(),
                        r.carrierMsgId(), r.receivedAt().toEpochMilli(), r.mobile(), write));
                }
            }
            park.executeBatch();
        }
    }

    /** Adds the recorded submits of the Msg_Ids in {@code ids} to {@code parts}, by provider and Msg_Id. */
    private void lookUp(Connection connection, LongList ids, Map<CarrierKey, StoredSubmit> parts)
            throws SQLException {
        if (ids.size() == 0) {
            return;
        }
        ids.distinctSorted();
        // A Msg_Id submitted twice (a carrier whose sequence restarted) maps to its latest submit, the highest id:
        // chosen here, where an ORDER BY id made the database sort the rows of every lookup.
        findSubmits.forEach(connection, ids.values(), ids.size(), row -> parts.merge(
            new CarrierKey(row.getString(1), row.getLong(2)), new StoredSubmit(row.getLong(3), row.getInt(4),
                row.getLong(5)), (a, b) -> a.submitId() > b.submitId() ? a : b));
    }

    /** Accepted submits recorded in this transaction, matched from memory once it commits. */
    void recorded(List<SubmitOutcome> accepted) {
        recent.stage(accepted);
    }

    /** Reports parked for the Msg_Ids of {@code accepted} submits become events now. */
    void matchParkedFor(Connection connection, List<SubmitOutcome> accepted, List<PartEvent> events)
            throws SQLException {
        // parked_report is nearly always empty (a report comes after its submit is recorded): one row read then
        // instead of a lookup of every Msg_Id. Either way, a report parked after the read is left to the sweep.
        if (accepted.isEmpty() || !anyParked(connection)) {
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
        findParked.forEach(connection, ids.values(), ids.size(), row -> {
            String provider = row.getString(2);
            SubmitOutcome o = byKey.get(new CarrierKey(provider, row.getLong(3)));
            if (o != null) {
                matched.add(row.getLong(1));
                events.add(parkedEvent(o.msgId(), o.partNumber(), provider, row.getLong(3), row.getString(4),
                    row.getLong(5), row.getString(6)));
            }
        });
        deleteParked(connection, matched);
    }

    private static boolean anyParked(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(ANY_PARKED);
             ResultSet row = select.executeQuery()) {
            return row.next();
        }
    }

    /** Matches up to {@code max} parked reports whose submits exist by now; returns how many. */
    public int sweep(Connection connection, int max, List<PartEvent> events) throws SQLException {
        Map<Long, PartEvent> byParkedId = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(SWEEP)) {
            select.setInt(1, max);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    // The last submit of a part wins, as in apply().
                    byParkedId.put(rows.getLong(1), parkedEvent(rows.getLong(6), rows.getInt(7), rows.getString(2),
                        rows.getLong(3), rows.getString(4), rows.getLong(5), rows.getString(8)));
                }
            }
        }
        List<Long> parkedIds = new ArrayList<>(byParkedId.keySet());
        parkedIds.sort(null);
        for (Long id : parkedIds) {
            events.add(byParkedId.get(id));
        }
        deleteParked(connection, LongList.of(parkedIds));
        return parkedIds.size();
    }

    private static PartEvent parkedEvent(long msgId, int partNo, String provider, long carrierMsgId, String stat,
                                         long receivedAt, String reportedMobile) {
        return new PartEvent(msgId, partNo, CarrierReport.DELIVERED.equals(stat), stat, provider, carrierMsgId,
            receivedAt, reportedMobile, null);
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
