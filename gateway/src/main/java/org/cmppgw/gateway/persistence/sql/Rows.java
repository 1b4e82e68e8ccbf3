package org.cmppgw.gateway.persistence.sql;

import org.cmppgw.gateway.model.FinalReport;
import org.cmppgw.gateway.model.MessageStatus;
import org.cmppgw.gateway.model.MoMessage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The column lists and row readers of the rows that statements of several packages return: final reports (pulled,
 * and the payload of SMS_REPORT callbacks) and MO messages (pulled, and the payload of SMS_REPLY callbacks).
 */
public final class Rows {
    /** The columns of a final report in {@code message_final}, in the order {@link #report} reads them. */
    public static final String REPORT_COLUMNS = "msg_id, mobile, status, stat, final_at";
    /** The columns of an MO in {@code mo_message}, in the order {@link #mo} reads them. */
    public static final String MO_COLUMNS =
        "mo_id, provider, carrier_msg_id, app_key, callback_url, mobile, dest_id, content, received_at";

    private Rows() {
    }

    /** Reads a report selected with {@link #REPORT_COLUMNS}. */
    public static FinalReport report(ResultSet row) throws SQLException {
        return new FinalReport(row.getLong(1), row.getString(2), MessageStatus.of(row.getInt(3)), row.getString(4),
            Instant.ofEpochMilli(row.getLong(5)));
    }

    /** Reads an MO selected with {@link #MO_COLUMNS} starting at column {@code first}. */
    public static MoMessage mo(ResultSet row, int first) throws SQLException {
        return new MoMessage(row.getLong(first), row.getString(first + 1), row.getLong(first + 2),
            row.getString(first + 3), row.getString(first + 4), row.getString(first + 5), row.getString(first + 6),
            row.getString(first + 7), Instant.ofEpochMilli(row.getLong(first + 8)));
    }
}
