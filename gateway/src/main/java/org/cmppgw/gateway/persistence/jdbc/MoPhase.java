package org.cmppgw.gateway.persistence.jdbc;

import org.cmppgw.gateway.callback.outbox.NewCallbacks;
import org.cmppgw.gateway.callback.outbox.OutboxRows;
import org.cmppgw.gateway.correlation.CarrierKey;
import org.cmppgw.gateway.model.MoMessage;
import org.cmppgw.gateway.model.MobileNumbers;
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
import java.util.function.Predicate;

/**
 * Stores MO messages with their SMS_REPLY outbox rows. A DELIVER repeated because our DELIVER_RESP was lost carries
 * the same Msg_Id: within {@link #REPEAT_WINDOW} it is recognised and dropped (Msg_Ids repeat across years, so the
 * check is bounded in time, not a unique key). An MO whose text unsubscribes (docs/api.md, "Admission rules": TD, T,
 * 退订) marks its mobile unsubscribed from its app's marketing in the same transaction (50024 from then on).
 */
final class MoPhase {
    static final Duration REPEAT_WINDOW = Duration.ofDays(2);
    private static final String INSERT = "INSERT INTO mo_message (" + Rows.MO_COLUMNS + ", pulled)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)";

    private static final String UNSUBSCRIBE = "INSERT INTO unsubscribed (app_key, mobile_key, mobile, unsubscribed_at)"
        + " VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE unsubscribed_at = VALUES(unsubscribed_at)";

    private final InQuery repeats;
    private final Predicate<String> unsubscribing;

    MoPhase(Dialect dialect, Predicate<String> unsubscribing) {
        this.unsubscribing = unsubscribing;
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
             PreparedStatement unsubscribe = connection.prepareStatement(UNSUBSCRIBE);
             OutboxRows outbox = new OutboxRows(connection, nowMillis, callbacks)) {
            boolean unsubscribes = false;
            for (StatusWrite.StoreMo write : writes) {
                MoMessage mo = write.mo;
                if (!seen.add(new CarrierKey(mo.provider(), mo.carrierMsgId()))) {
                    write.resolve(false);
                    continue;
                }
                bind(insert, mo);
                insert.addBatch();
                if (mo.appKey() != null && unsubscribing.test(mo.content())) {
                    bindUnsubscribe(unsubscribe, mo, nowMillis);
                    unsubscribe.addBatch();
                    unsubscribes = true;
                }
                if (mo.callbackUrl() != null) {
                    outbox.add(mo.appKey(), mo.callbackUrl(), mo.moId(), mo);
                }
                write.resolve(true);
            }
            insert.executeBatch();
            if (unsubscribes) {
                unsubscribe.executeBatch();
            }
            outbox.execute();
        }
    }

    /** Keyed as the send ledger keys the messages to it: the mobile as the API normalises it. */
    private static void bindUnsubscribe(PreparedStatement statement, MoMessage mo, long nowMillis)
            throws SQLException {
        String normalized = MobileNumbers.normalize(mo.mobile());
        String mobile = normalized == null ? mo.mobile() : normalized;
        statement.setString(1, mo.appKey());
        statement.setLong(2, SendLedger.mobileKey(mobile));
        statement.setString(3, mobile);
        statement.setLong(4, nowMillis);
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
