package org.cmppgw.gateway.node;

import org.cmppgw.gateway.persistence.sql.Transactions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.BitSet;
import javax.sql.DataSource;

/**
 * The {@code provider_slot} table (V10 migration): a provider's {@code connections} as leases shared by all nodes, so
 * the CMPP sessions to one account never exceed its budget (docs/operations.md "Several nodes on one database"). Each
 * round a node renews the slots it keeps and takes free ones (never held, released, or lease run out) up to its fair
 * share, {@code ceil(connections / live nodes)}. A node over its share stops renewing its highest slots: their
 * sessions close at once and the slots are free for the others when their lease runs out. A slot is taken with a
 * conditional UPDATE, so two nodes never hold one slot at once.
 */
public final class SlotLeases {
    private static final String EXISTING = "SELECT slot FROM provider_slot WHERE provider = ?";
    private static final String INSERT = "INSERT INTO provider_slot (provider, slot, node_id, lease_until)"
        + " VALUES (?, ?, NULL, 0)";
    private static final String MINE = "SELECT slot FROM provider_slot WHERE provider = ? AND node_id = ?"
        + " AND lease_until >= ? AND slot < ? ORDER BY slot";
    private static final String RENEW = "UPDATE provider_slot SET lease_until = ? WHERE provider = ? AND slot = ?"
        + " AND node_id = ?";
    private static final String FREE = "SELECT slot FROM provider_slot WHERE provider = ? AND slot < ?"
        + " AND (node_id IS NULL OR lease_until < ?) ORDER BY slot";
    private static final String TAKE = "UPDATE provider_slot SET node_id = ?, lease_until = ? WHERE provider = ?"
        + " AND slot = ? AND (node_id IS NULL OR lease_until < ?)";
    private static final String RELEASE = "UPDATE provider_slot SET node_id = NULL, lease_until = 0 WHERE node_id = ?";

    private final DataSource dataSource;
    private final Transactions transactions;
    private final int nodeId;
    private final long leaseMillis;

    public SlotLeases(DataSource dataSource, int nodeId, long leaseMillis) {
        this.dataSource = dataSource;
        this.transactions = new Transactions(dataSource, "node registry");
        this.nodeId = nodeId;
        this.leaseMillis = leaseMillis;
    }

    /** The fair share of one node: {@code ceil(connections / liveNodes)}. */
    public static int share(int connections, int liveNodes) {
        return (connections + liveNodes - 1) / Math.max(1, liveNodes);
    }

    /** Creates the rows of slots 0 .. {@code connections} − 1 that do not exist yet; any node may run it at start. */
    public void ensureSlots(String provider, int connections) {
        BitSet existing = transactions.run("listing slots of " + provider, c -> {
            BitSet found = new BitSet();
            try (PreparedStatement select = c.prepareStatement(EXISTING)) {
                select.setString(1, provider);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.set(rows.getInt(1));
                    }
                }
            }
            return found;
        });
        for (int slot = existing.nextClearBit(0); slot < connections; slot = existing.nextClearBit(slot + 1)) {
            insert(provider, slot);
        }
    }

    private void insert(String provider, int slot) {
        // Auto-commit, one row each: another node creating the same row at the same time is not an error.
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement(INSERT)) {
            insert.setString(1, provider);
            insert.setInt(2, slot);
            insert.executeUpdate();
        } catch (SQLIntegrityConstraintViolationException e) {
            // created by another node meanwhile
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState()) && !"23000".equals(e.getSQLState())) {
                throw new org.cmppgw.gateway.persistence.StoreException("node registry - creating slot " + slot
                    + " of " + provider + " failed (" + e.getMessage() + ")", e);
            }
        }
    }

    /**
     * One lease round for {@code provider}: renews the slots this node keeps and takes free ones up to its share.
     *
     * @return the slots this node holds until {@code nowMillis} + lease
     */
    public BitSet round(String provider, int connections, int liveNodes, long nowMillis) {
        int share = share(connections, liveNodes);
        return transactions.run("leasing slots of " + provider, c -> {
            BitSet held = new BitSet();
            try (PreparedStatement mine = c.prepareStatement(MINE)) {
                mine.setString(1, provider);
                mine.setInt(2, nodeId);
                mine.setLong(3, nowMillis);
                mine.setInt(4, connections);
                try (ResultSet rows = mine.executeQuery()) {
                    while (rows.next() && held.cardinality() < share) {
                        held.set(rows.getInt(1));
                    }
                }
            }
            try (PreparedStatement renew = c.prepareStatement(RENEW)) {
                for (int slot = held.nextSetBit(0); slot >= 0; slot = held.nextSetBit(slot + 1)) {
                    renew.setLong(1, nowMillis + leaseMillis);
                    renew.setString(2, provider);
                    renew.setInt(3, slot);
                    renew.setInt(4, nodeId);
                    renew.addBatch();
                }
                renew.executeBatch();
            }
            if (held.cardinality() < share) {
                takeFree(c, provider, connections, share, nowMillis, held);
            }
            return held;
        });
    }

    private void takeFree(Connection c, String provider, int connections, int share, long nowMillis, BitSet held)
            throws SQLException {
        BitSet free = new BitSet();
        try (PreparedStatement select = c.prepareStatement(FREE)) {
            select.setString(1, provider);
            select.setInt(2, connections);
            select.setLong(3, nowMillis);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    free.set(rows.getInt(1));
                }
            }
        }
        try (PreparedStatement take = c.prepareStatement(TAKE)) {
            for (int slot = free.nextSetBit(0); slot >= 0 && held.cardinality() < share;
                 slot = free.nextSetBit(slot + 1)) {
                take.setInt(1, nodeId);
                take.setLong(2, nowMillis + leaseMillis);
                take.setString(3, provider);
                take.setInt(4, slot);
                take.setLong(5, nowMillis);
                if (take.executeUpdate() == 1) {
                    held.set(slot);
                }
            }
        }
    }

    /** Releases every slot of {@code node} (adopted as dead), inside the adopting transaction. */
    static int release(Connection c, int node) throws SQLException {
        try (PreparedStatement release = c.prepareStatement(RELEASE)) {
            release.setInt(1, node);
            return release.executeUpdate();
        }
    }
}
