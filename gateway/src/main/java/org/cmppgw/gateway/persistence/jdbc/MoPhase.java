package org.cmppgw.gateway.persistence.jdbc;

import org.cmppgw.gateway.callback.outbox.NewCallbacks;
import org.cmppgw.gateway.callback.outbox.OutboxRows;
import org.cmppgw.gateway.correlation.CarrierKey;
import org.cmppgw.gateway.model.MoMessage;
import org.cmppgw.gateway.persistence.sql.Dialect;
import org.cmppgw.gateway.persistence.sql.InQuery;
import org.cmppgw.gateway.persistence.sql.LongList;
import org.cmppgw.gateway.persistence.sql.Rows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Stores MO messages with their SMS_REPLY outbox rows. A DELIVER repeated because our DELIVER_RESP was lost carries
 * the same Msg_Id: within {@link #REPEAT_WINDOW} it is recognised and dropped (Msg_Ids repeat across years, so the
 * check is bounded in time, not a unique key).
 */
final class MoPhase {
    static final Duration REPEAT_WINDOW = Duration.ofDays(2);
    private static final String INSERT = "INSERT INTO mo_message (" + Rows.MO_COLUMNS + ", pulled)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)";

    private final InQuery repeats;

    MoPhase(Dialect dialect) {
        this.repeats = new InQuery(dialect,
            "SELECT provider, carrier_msg_id FROM mo_message WHERE carrier_msg_id IN (", ") AND received_at >= ?");
    }

    void apply(Connection connection, List<StatusWrite.StoreMo> writes, long nowMillis, NewCallbacks callbacks)
            throws SQLException {
        LongList ids = new LongList();
        for (StatusWrite.StoreMo write : writes) {
            ids.add(write.mo.carrierMsgId());
        }
        ids.distinctSorted();
        Set<CarrierKey> seen = new HashSet<>();
        long since = nowMillis - REPEAT_WINDOW.toMillis();
        repeats.forEach(connection, ids.values(), ids.size(), (statement, index) -> statement.setLong(index, since),
            row -> seen.add(new CarrierKey(row.getString(1), row.getLong(2))));
        try (PreparedStatement insert = connection.prepareStatement(INSERT);
             OutboxRows outbox = new OutboxRows(connection, nowMillis, callbacks)) {
            for (StatusWrite.StoreMo write : writes) {
                MoMessage mo = write.mo;
                if (!seen.add(new CarrierKey(mo.provider(), mo.carrierMsgId()))) {
                    write.resolve(false);
                    continue;
                }
                bind(insert, mo);
                insert.addBatch();
                if (mo.callbackUrl() != null) {
                    outbox.add(mo.appKey(), mo.callbackUrl(), mo.moId(), mo);
                }
                write.resolve(true);
            }
            insert.executeBatch();
            outbox.execute();
        }
    }

    private static void bind(PreparedStatement statement, MoMessage mo) throws SQLException {
        statement.setLong(1, mo.moId());
        statement.setString(2, mo.provider());
        statement.setLong(3, mo.carrierMsgId());
        setNullable(statement, 4, mo.appKey());
        setNullable(statement, 5, mo.callbackUrl());
        statement.setString(6, mo.mobile());
        statement.setString(7, mo.destId());
        statement.setString(8, mo.content());
        statement.setLong(9, mo.receivedAt().toEpochMilli());
    }

    private static void setNullable(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }
}
