package org.cmppgw.gateway.node;

import org.cmppgw.gateway.callback.outbox.OutboxPhase;
import org.cmppgw.gateway.config.ConfigException;
import org.cmppgw.gateway.persistence.sql.Transactions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongPredicate;
import javax.sql.DataSource;

/**
 * The {@code gateway_node} table (V10 migration): which process holds each node id, kept by its heartbeat. A row whose
 * heartbeat is older than the lease is dead: a new process may claim the id, and one live node adopts the dead node's
 * callback claims and connection slots, decided by a conditional UPDATE of the row so that two live nodes never both
 * adopt it (docs/operations.md "Several nodes on one database"). Blocking JDBC: called from the heartbeat thread and
 * once at start.
 */
public final class NodeRegistry {
    private static final String SELECT_ONE = "SELECT instance_id, host, pid, started_at, heartbeat_at"
        + " FROM gateway_node WHERE node_id = ? FOR UPDATE";
    private static final String INSERT = "INSERT INTO gateway_node (node_id, instance_id, host, pid, started_at,"
        + " heartbeat_at, adopted_by) VALUES (?, ?, ?, ?, ?, ?, NULL)";
    private static final String TAKE = "UPDATE gateway_node SET instance_id = ?, host = ?, pid = ?, started_at = ?,"
        + " heartbeat_at = ?, adopted_by = NULL WHERE node_id = ?";
    /** Only while the row is this process's and nobody adopted it: an adopted node's work is someone else's now. */
    private static final String RENEW = "UPDATE gateway_node SET heartbeat_at = ? WHERE node_id = ?"
        + " AND instance_id = ? AND adopted_by IS NULL";
    private static final String LIVE = "SELECT COUNT(*) FROM gateway_node WHERE heartbeat_at >= ?";
    private static final String DEAD = "SELECT node_id, instance_id, host, pid, started_at, heartbeat_at"
        + " FROM gateway_node WHERE heartbeat_at < ? AND adopted_by IS NULL AND node_id <> ? ORDER BY node_id";
    private static final String RETIRE = "UPDATE gateway_node SET heartbeat_at = 0 WHERE node_id = ?"
        + " AND instance_id = ?";
    /** The heartbeat of a node that stopped cleanly: dead at once for the others. */
    static final long RETIRED = 0;
    /** What a dead node had adopted and not yet finished is its adopter's too (a crash during an adoption). */
    private static final String INHERIT = "UPDATE gateway_node SET adopted_by = ? WHERE adopted_by = ?"
        + " AND node_id <> ?";
    private static final String ADOPT = "UPDATE gateway_node SET adopted_by = ? WHERE node_id = ? AND instance_id = ?"
        + " AND heartbeat_at = ? AND adopted_by IS NULL";

    /** A process holding (or having held) a node id. */
    public record Holder(int nodeId, String instanceId, String host, long pid, long startedAt, long heartbeatAt) {
    }

    /**
     * A dead node this node adopted.
     *
     * @param silentMillis how long its heartbeat had been silent
     * @param callbacks    its callback claims made due now
     * @param slots        its connection slots released
     * @param retired      it had stopped cleanly ({@link #retire}) rather than gone silent
     */
    public record Adoption(int deadNode, long silentMillis, int callbacks, int slots, boolean retired) {
    }

    /**
     * Instances holding an id in this JVM: a holder with this process's pid is an earlier process of a restarted
     * container (gone) unless it is one of these (another gateway started in this JVM, as tests do).
     */
    private static final Set<String> IN_THIS_PROCESS = ConcurrentHashMap.newKeySet();

    private final Transactions transactions;
    private final Holder self;
    private final long leaseMillis;
    private final LongPredicate processAlive;

    /**
     * @param self         this process: node id, a random instance id, host and pid (started_at and heartbeat_at are
     *                     set when it claims)
     * @param processAlive whether a process with that pid runs on this host (a predecessor on the same host whose pid
     *                     is gone is dead, whatever its heartbeat says)
     */
    public NodeRegistry(DataSource dataSource, Holder self, Duration lease, LongPredicate processAlive) {
        this.transactions = new Transactions(dataSource, "node registry");
        this.self = self;
        this.leaseMillis = lease.toMillis();
        this.processAlive = processAlive;
    }

    /** This process on this host: the real pid and a liveness check through {@link ProcessHandle}. */
    public static LongPredicate runningProcesses() {
        return pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    public int nodeId() {
        return self.nodeId();
    }

    public long leaseMillis() {
        return leaseMillis;
    }

    /**
     * Claims this node's id at start: a new row, or the row of a dead holder (silent for a lease, or an earlier
     * process of this host that is gone — a restart after {@code kill -9} need not wait out the lease).
     *
     * @throws ConfigException when a live process holds the id: one line for the operator (the caller exits 2)
     */
    public void claim(long nowMillis) {
        Optional<Holder> refused = transactions.run("claiming node " + self.nodeId(), c -> {
            Optional<Holder> holder = holder(c);
            if (holder.isPresent() && isLive(holder.get(), nowMillis) && !isGonePredecessor(holder.get())) {
                return holder;
            }
            try (PreparedStatement write = c.prepareStatement(holder.isPresent() ? TAKE : INSERT)) {
                int at = 1;
                if (holder.isEmpty()) {
                    write.setInt(at++, self.nodeId());
                }
                write.setString(at++, self.instanceId());
                write.setString(at++, self.host());
                write.setLong(at++, self.pid());
                write.setLong(at++, nowMillis);
                write.setLong(at++, nowMillis);
                if (holder.isPresent()) {
                    write.setInt(at, self.nodeId());
                }
                write.executeUpdate();
            }
            IN_THIS_PROCESS.add(self.instanceId());
            return Optional.empty();
        });
        if (refused.isPresent()) {
            Holder h = refused.get();
            throw new ConfigException("node.id: " + self.nodeId() + " is held by a live gateway (host " + h.host()
                + ", pid " + h.pid() + ", started " + Instant.ofEpochMilli(h.startedAt()) + ", last heartbeat "
                + (nowMillis - h.heartbeatAt()) + " ms ago); give this node another id (CMPPGW_NODE_ID), or stop that"
                + " one: its id is free " + Duration.ofMillis(leaseMillis).toSeconds() + " s after its last heartbeat");
        }
    }

    /**
     * Renews this node's heartbeat.
     *
     * @return false when this process was silent for a lease and meanwhile another node adopted its work or another
     *     process claimed its id: this process must stop
     */
    public boolean renew(long nowMillis) {
        return transactions.run("renewing node " + self.nodeId(), c -> {
            try (PreparedStatement renew = c.prepareStatement(RENEW)) {
                renew.setLong(1, nowMillis);
                renew.setInt(2, self.nodeId());
                renew.setString(3, self.instanceId());
                return renew.executeUpdate() == 1;
            }
        });
    }

    /** Nodes whose heartbeat is fresher than the lease, this one included: at least 1. */
    public int liveNodes(long nowMillis) {
        int live = transactions.run("counting live nodes", c -> {
            try (PreparedStatement count = c.prepareStatement(LIVE)) {
                count.setLong(1, nowMillis - leaseMillis);
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    return row.getInt(1);
                }
            }
        });
        return Math.max(1, live);
    }

    /** Other nodes silent for longer than the lease and not adopted yet. */
    public List<Holder> dead(long nowMillis) {
        return transactions.run("finding dead nodes", c -> {
            List<Holder> dead = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement(DEAD)) {
                select.setLong(1, nowMillis - leaseMillis);
                select.setInt(2, self.nodeId());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        dead.add(new Holder(rows.getInt(1), rows.getString(2), rows.getString(3), rows.getLong(4),
                            rows.getLong(5), rows.getLong(6)));
                    }
                }
            }
            return dead;
        });
    }

    /**
     * Adopts {@code dead} if no other node did and no new process claimed its id since it was read: marks its row
     * adopted by this node (and the rows it had adopted itself, in case it died during that adoption), makes its
     * callback claims due now and releases its connection slots, in one transaction.
     * Its in-flight messages are the caller's next step ({@link OrphanedWork}).
     *
     * @return the adoption, or empty when another node (or a new process of that id) was first
     */
    public Optional<Adoption> adopt(Holder dead, long nowMillis) {
        return transactions.run("adopting node " + dead.nodeId(), c -> {
            try (PreparedStatement adopt = c.prepareStatement(ADOPT)) {
                adopt.setInt(1, self.nodeId());
                adopt.setInt(2, dead.nodeId());
                adopt.setString(3, dead.instanceId());
                adopt.setLong(4, dead.heartbeatAt());
                if (adopt.executeUpdate() != 1) {
                    return Optional.empty();
                }
            }
            try (PreparedStatement inherit = c.prepareStatement(INHERIT)) {
                inherit.setInt(1, self.nodeId());
                inherit.setInt(2, dead.nodeId());
                inherit.setInt(3, self.nodeId());
                inherit.executeUpdate();
            }
            int callbacks = OutboxPhase.reclaim(c, dead.nodeId(), nowMillis);
            int slots = SlotLeases.release(c, dead.nodeId());
            return Optional.of(new Adoption(dead.nodeId(), nowMillis - dead.heartbeatAt(), callbacks, slots,
                dead.heartbeatAt() == RETIRED));
        });
    }

    /**
     * At a clean stop, after the providers drained: releases this node's slots and clears its heartbeat, so the
     * others adopt what it leaves at once instead of a lease later.
     */
    public void retire() {
        IN_THIS_PROCESS.remove(self.instanceId());
        transactions.run("retiring node " + self.nodeId(), c -> {
            try (PreparedStatement retire = c.prepareStatement(RETIRE)) {
                retire.setInt(1, self.nodeId());
                retire.setString(2, self.instanceId());
                if (retire.executeUpdate() == 1) {
                    SlotLeases.release(c, self.nodeId());
                }
            }
            return null;
        });
    }

    private Optional<Holder> holder(Connection c) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(SELECT_ONE)) {
            select.setInt(1, self.nodeId());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Holder(self.nodeId(), row.getString(1), row.getString(2), row.getLong(3),
                    row.getLong(4), row.getLong(5)));
            }
        }
    }

    private boolean isLive(Holder holder, long nowMillis) {
        return holder.heartbeatAt() >= nowMillis - leaseMillis;
    }

    /** An earlier process of this node on this host that no longer runs. */
    private boolean isGonePredecessor(Holder holder) {
        if (!holder.host().equals(self.host())) {
            return false;
        }
        return holder.pid() == self.pid() ? !IN_THIS_PROCESS.contains(holder.instanceId())
            : !processAlive.test(holder.pid());
    }

    /** This process stopped holding its id without retiring (lost, or a test's simulated crash). */
    public void forget() {
        IN_THIS_PROCESS.remove(self.instanceId());
    }
}
