package org.cmppgw.gateway.correlation;

import org.cmppgw.gateway.model.SubmitOutcome;
import org.cmppgw.gateway.persistence.sql.Dialect;
import org.cmppgw.gateway.persistence.sql.InQuery;
import org.cmppgw.gateway.persistence.sql.LongList;
import org.cmppgw.gateway.persistence.sql.MessagesHeldInRows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Records SUBMIT_RESP outcomes: one carrier_submit row each; a rejected part becomes a FAILED decision for its message;
 * a message whose parts are all accepted leaves the queue ({@link PendingDeletion}); reports parked for the new
 * Msg_Ids become events.
 */
public final class SubmitPhase {
    private static final String INSERT = "INSERT INTO carrier_submit (provider, carrier_msg_id, msg_id, part_no,"
        + " part_count, result, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?)";

    private final ReportPhase reports;
    private final InQuery countParts;
    private final PendingDeletion pending;

    public SubmitPhase(Dialect dialect, ReportPhase reports, MessagesHeldInRows heldInRows) {
        this.reports = reports;
        this.countParts = new InQuery(dialect,
            "SELECT msg_id, COUNT(DISTINCT part_no) FROM carrier_submit WHERE result = 0 AND msg_id IN (",
            ") GROUP BY msg_id");
        this.pending = new PendingDeletion(dialect, heldInRows);
    }

    /** Records {@code outcomes} (in queue order); rejections and matched parked reports are added to {@code events}. */
    public void apply(Connection connection, List<SubmitOutcome> outcomes, List<PartEvent> events)
            throws SQLException {
        List<SubmitOutcome> accepted = new ArrayList<>();
        LongList done = new LongList();
        Map<Long, Integer> longMessages = new HashMap<>();
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (SubmitOutcome o : outcomes) {
                bind(insert, o);
                insert.addBatch();
                if (!o.accepted()) {
                    events.add(new PartEvent(o.msgId(), PartEvent.WHOLE_MESSAGE, false, o.rejectionStat(),
                        o.provider(), o.carrierMsgId(), o.submittedAt().toEpochMilli(), null));
                    continue;
                }
                accepted.add(o);
                if (o.partCount() == 1) {
                    done.add(o.msgId());
                } else {
                    longMessages.put(o.msgId(), o.partCount());
                }
            }
            insert.executeBatch();
        }
        reports.recorded(accepted);
        addFullySubmitted(connection, longMessages, done);
        pending.apply(connection, done);
        reports.matchParkedFor(connection, accepted, events);
    }

    /** Long messages leave pending only when every part has an accepted submit (across batches and nodes). */
    private void addFullySubmitted(Connection connection, Map<Long, Integer> partCounts, LongList done)
            throws SQLException {
        if (partCounts.isEmpty()) {
            return;
        }
        LongList ids = LongList.of(partCounts.keySet());
        countParts.forEach(connection, ids.values(), ids.size(), row -> {
            long msgId = row.getLong(1);
            if (row.getInt(2) >= partCounts.get(msgId)) {
                done.add(msgId);
            }
        });
    }

    private static void bind(PreparedStatement statement, SubmitOutcome o) throws SQLException {
        statement.setString(1, o.provider());
        statement.setLong(2, o.carrierMsgId());
        statement.setLong(3, o.msgId());
        statement.setInt(4, o.partNumber());
        statement.setInt(5, o.partCount());
        statement.setInt(6, o.result());
        statement.setLong(7, o.submittedAt().toEpochMilli());
    }
}
