package org.cmppgw.gateway.persistence.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A node's marks in its {@code gateway_node} row: how far back in a large table its restart, or the node adopting it,
 * looks for what it held in memory without a row of its own. 0: it holds none that way, nothing to look through.
 */
public enum NodeMark {
    /** Report callbacks held in {@code message_final} rows (db/migration/V32__report_callback_in_final.sql). */
    CALLBACKS("callback_mark"),
    /** Messages queued in their {@code message} rows (db/migration/V33__held_in_message_row.sql). */
    HELD_MESSAGES("held_mark");

    private final String select;
    private final String update;

    NodeMark(String column) {
        this.select = "SELECT " + column + " FROM gateway_node WHERE node_id = ?";
        this.update = "UPDATE gateway_node SET " + column + " = ? WHERE node_id = ?";
    }

    /** {@code node}'s mark; 0 when it has none (or no registry row). */
    public long read(Connection connection, int node) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(select)) {
            statement.setInt(1, node);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? row.getLong(1) : 0;
            }
        }
    }

    /**
     * Writes {@code node}'s mark (0 clears it).
     *
     * @return whether the node has a registry row to hold it
     */
    public boolean write(Connection connection, int node, long mark) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(update)) {
            statement.setLong(1, mark);
            statement.setInt(2, node);
            return statement.executeUpdate() == 1;
        }
    }
}
