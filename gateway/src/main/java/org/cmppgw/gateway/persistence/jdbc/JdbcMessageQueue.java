package org.cmppgw.gateway.persistence.jdbc;

import org.cmppgw.gateway.model.OutboundMessage;
import org.cmppgw.gateway.persistence.MessageQueue;
import org.cmppgw.gateway.persistence.StoreException;
import org.cmppgw.gateway.persistence.sql.CausalWait;
import org.cmppgw.gateway.persistence.sql.ClaimQuery;
import org.cmppgw.gateway.persistence.sql.Dialect;
import org.cmppgw.gateway.persistence.sql.HeldMessages;
import org.cmppgw.gateway.persistence.sql.InQuery;
import org.cmppgw.gateway.persistence.sql.JdbcExecutor;
import org.cmppgw.gateway.persistence.sql.MessagesHeldInRows;
import org.cmppgw.gateway.persistence.sql.NodeMark;
import org.cmppgw.gateway.persistence.sql.Transactions;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * {@link MessageQueue} on the {@code pending_message} table (db/migration/V8__store_queue.sql), and on
 * {@code held_message} (V28) and the message rows (V33, {@link MessagesHeldInRows}) for what nodes took into memory
 * at accept. A claim is one short
 * transaction: it locks due waiting rows rank by rank in index order ({@link ClaimQuery}: {@code SKIP LOCKED} on
 * MariaDB, so nodes claiming at once never get the same row), marks them taken by this node, and reads their
 * messages. Runs on its own thread, off the accept and status writers, one call at a time.
 */
public final class JdbcMessageQueue implements MessageQueue, AutoCloseable {
    private static final String COLUMNS = "msg_id, resend, expires_at";
    private static final String DUE = "taken = 0 AND queue_rank = ? AND due_at <= ?";
    private static final String EXPIRED = "taken = 0 AND expires_at < ?";
    private static final String TAKE = "UPDATE pending_message SET taken = 1, node_id = ? WHERE msg_id = ?";
    // Every queued message: waiting or claimed (pending_message), or held since its accept (held_message, all taken;
    // or in its message row, counted by its node from memory: other nodes' are bounded by their memory and not
    // counted). Counted table by table and added up here: a UNION of the two would copy a campaign's backlog into a
    // temporary table on every count.
    private static final String DEPTHS = "SELECT provider, queue_rank, taken, COUNT(*) FROM pending_message"
        + " GROUP BY provider, queue_rank, taken";
    private static final String HELD_DEPTHS = "SELECT provider, queue_rank, 1, COUNT(*) FROM held_message"
        + " GROUP BY provider, queue_rank";
    private static final String APPS = "SELECT app_key, COUNT(*) FROM pending_message GROUP BY app_key";
    private static final String HELD_APPS = "SELECT app_key, COUNT(*) FROM held_message GROUP BY app_key";
    private static final int RANKS = 3;
    /** Calls waiting for the queue's thread; more are refused (the callers poll again). */
    private static final int MAX_WAITING_CALLS = 64;

    private final DataSource dataSource;
    private final Dialect dialect;
    private final int nodeId;
    private final JdbcExecutor executor;
    private final ClaimQuery expired;
    /** Due-row claims by the number of providers skipped; used on the queue's thread only. */
    private final Map<Integer, ClaimQuery> due = new HashMap<>();
    private final InQuery messages;
    private final HeldMessages held;
    private final MessagesHeldInRows heldInRows;
    private final Clock clock;
    /**
     * Rows a failed claim may have left taken by this node whose handing back failed too; the next claim hands them
     * back first. Used on the queue's one thread only.
     */
    private final List<Long> unreleased = new ArrayList<>();

    /** A queue whose node holds no message in its row (tools and tests of the queue alone). */
    public JdbcMessageQueue(DataSource dataSource, int nodeId) {
        this(dataSource, nodeId, new MessagesHeldInRows(), Clock.systemUTC());
    }

    /**
     * @param heldInRows the messages this node holds in their rows: its store's ({@link JdbcMessageStore#heldInRows})
     * @param clock      the clock of this node's msg ids, for its mark
     */
    public JdbcMessageQueue(DataSource dataSource, int nodeId, MessagesHeldInRows heldInRows, Clock clock) {
        this.heldInRows = heldInRows;
        this.clock = clock;
        this.dataSource = dataSource;
        this.dialect = Dialect.of(dataSource);
        this.nodeId = nodeId;
        this.executor = new JdbcExecutor(dataSource, "store-queue-" + nodeId, 1, MAX_WAITING_CALLS);
        this.expired = new ClaimQuery(dialect, COLUMNS, "pending_message", "msg_id", EXPIRED, 1,
            "expires_at, msg_id");
        this.messages = new InQuery(dialect, "SELECT " + AcceptPhase.MESSAGE_COLUMNS + " FROM message m"
            + " WHERE m.msg_id IN (", ")");
        this.held = new HeldMessages(dialect);
    }

    @Override
    public CompletableFuture<List<Claimed>> claim(int max, long nowMillis, Set<String> skipProviders, int ranks) {
        positive(max);
        if (ranks < 1 || ranks > RANKS) {
            throw new IllegalArgumentException("ranks: " + ranks + " (expected: 1.." + RANKS + ")");
        }
        List<String> skip = List.copyOf(skipProviders);
        return claiming("claim", (connection, rows) -> {
            ClaimQuery query = due.computeIfAbsent(skip.size(), this::dueQuery);
            for (int rank = 0; rank < ranks && rows.size() < max; rank++) {
                int r = rank;
                query.forEach(connection, (statement, index) -> {
                    statement.setInt(index, r);
                    statement.setLong(index + 1, nowMillis);
                    for (int i = 0; i < skip.size(); i++) {
                        statement.setString(index + 2 + i, skip.get(i));
                    }
                }, max - rows.size(), row -> rows.add(Row.read(row, nowMillis)));
            }
        });
    }

    @Override
    public CompletableFuture<List<Claimed>> claimExpired(int max, long nowMillis) {
        positive(max);
        return claiming("claimExpired", (connection, rows) -> expired.forEach(connection,
            (statement, index) -> statement.setLong(index, nowMillis), max, row -> rows.add(Row.read(row, nowMillis))));
    }

    /** Picks the waiting rows a claim takes, adding them to {@code rows}. */
    @FunctionalInterface
    private interface Pick {
        void into(Connection connection, List<Row> rows) throws SQLException;
    }

    /**
     * Takes the rows {@code pick} finds for this node. If the claim fails, its commit may still have happened (the
     * connection lost during COMMIT, as when a Galera node is killed): the rows would be taken by this node while its
     * memory never got them, until its next start. So they are handed back to the queue at once, on this queue's one
     * thread before its next claim (nothing matches if the commit did not happen). If that fails too (the database
     * still unreachable), the next claim hands them back first, in its own transaction, and may take them again.
     */
    private CompletableFuture<List<Claimed>> claiming(String what, Pick pick) {
        List<Long> leftover = new ArrayList<>();
        // the rows this call may leave taken: the leftover it hands back again, then those it picks
        List<Long> owed = new ArrayList<>();
        return executor.transaction(what, connection -> {
            leftover.addAll(unreleased);
            unreleased.clear();
            // again after a deadlock, which rolled the first try back
            owed.clear();
            owed.addAll(leftover);
            if (!leftover.isEmpty()) {
                CausalWait.run(connection, c -> held.release(c, nodeId, leftover));
            }
            List<Row> rows = new ArrayList<>();
            pick.into(connection, rows);
            rows.forEach(row -> owed.add(row.msgId));
            return take(connection, rows);
        }, connection -> owed.isEmpty() ? 0 : held.release(connection, nodeId, owed), () -> unreleased.addAll(owed));
    }

    /**
     * {@inheritDoc} For this node's own id (its start), its mark is written in the same transaction: from its commit
     * on, the store may hold messages in their rows.
     */
    @Override
    public CompletableFuture<Integer> requeue(int node) {
        boolean[] marking = new boolean[1];
        return run("requeue", connection -> {
            int requeued = held.requeue(connection, node);
            marking[0] = node == nodeId
                && NodeMark.HELD_MESSAGES.write(connection, node, heldInRows.mark(clock.millis()));
            return requeued;
        }).thenApply(requeued -> {
            if (marking[0]) {
                heldInRows.marked();
            }
            return requeued;
        });
    }

    @Override
    public CompletableFuture<Integer> release(List<Long> msgIds) {
        List<Long> ids = List.copyOf(msgIds);
        if (ids.isEmpty()) {
            return CompletableFuture.completedFuture(0);
        }
        // taken out of memory first: the status lane then never gives one of them a held row meanwhile
        List<MessagesHeldInRows.Entry> inRows = heldInRows.removeAll(ids);
        // a failed accept's messages: its commit, if it happened, shows before this runs (at a stop, only a wait)
        CompletableFuture<Integer> released = run("release", connection -> {
            HeldMessages.insertWaiting(connection, nodeId, inRows, false);
            return inRows.size() + CausalWait.run(connection, c -> held.release(c, nodeId, ids));
        });
        released.whenComplete((count, error) -> {
            if (error != null) {
                heldInRows.restore(inRows);
            }
        });
        return released;
    }

    @Override
    public CompletableFuture<Backlog> count() {
        return run("count", connection -> {
            // held and claimed messages of one provider and rank add up to one depth
            Map<Place, Long> places = new LinkedHashMap<>();
            Map<String, Long> byApp = new LinkedHashMap<>();
            for (String query : new String[] {DEPTHS, HELD_DEPTHS}) {
                eachRow(connection, query, row -> places.merge(
                    new Place(row.getString(1), row.getInt(2), row.getInt(3) == 0), row.getLong(4), Long::sum));
            }
            for (String query : new String[] {APPS, HELD_APPS}) {
                eachRow(connection, query, row -> byApp.merge(row.getString(1), row.getLong(2), Long::sum));
            }
            heldInRows.forEach(entry -> {
                places.merge(new Place(entry.provider(), entry.rank(), false), 1L, Long::sum);
                byApp.merge(entry.appKey(), 1L, Long::sum);
            });
            List<Depth> depths = new ArrayList<>(places.size());
            places.forEach((place, count) -> depths.add(new Depth(place.provider, place.rank, place.waiting, count)));
            return new Backlog(depths, byApp);
        });
    }

    @Override
    public void close() {
        executor.close();
    }

    /** A depth's key: provider, rank, and whether the messages wait in the store (else a node holds them). */
    private record Place(String provider, int rank, boolean waiting) {
    }

    private static void eachRow(Connection connection, String sql, InQuery.RowHandler handler) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql);
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                handler.row(rows);
            }
        }
    }

    private ClaimQuery dueQuery(int skipped) {
        StringBuilder condition = new StringBuilder(DUE);
        if (skipped > 0) {
            condition.append(" AND provider NOT IN (");
            for (int i = 0; i < skipped; i++) {
                condition.append(i == 0 ? "?" : ", ?");
            }
            condition.append(')');
        }
        return new ClaimQuery(dialect, COLUMNS, "pending_message", "msg_id", condition.toString(), 2 + skipped,
            "due_at, msg_id");
    }

    /** Marks {@code rows} taken by this node and reads their messages, in claim order. */
    private List<Claimed> take(Connection connection, List<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return List.of();
        }
        long[] ids = new long[rows.size()];
        try (PreparedStatement update = connection.prepareStatement(TAKE)) {
            for (int i = 0; i < ids.length; i++) {
                ids[i] = rows.get(i).msgId;
                update.setInt(1, nodeId);
                update.setLong(2, ids[i]);
                update.addBatch();
            }
            update.executeBatch();
        }
        Map<Long, OutboundMessage> byId = new HashMap<>();
        messages.forEach(connection, ids, ids.length, row -> {
            OutboundMessage message = AcceptPhase.readMessage(row, 1);
            byId.put(message.msgId(), message);
        });
        List<Claimed> claimed = new ArrayList<>(rows.size());
        for (Row row : rows) {
            OutboundMessage message = byId.get(row.msgId);
            if (message == null) {
                throw new StoreException("store - queued message without its message row (msgId=" + row.msgId + ")");
            }
            claimed.add(new Claimed(message, row.resend, row.expired));
        }
        return claimed;
    }

    /** One claimed row before its message is read. */
    private record Row(long msgId, boolean resend, boolean expired) {
        static Row read(ResultSet row, long nowMillis) throws SQLException {
            return new Row(row.getLong(1), row.getInt(2) != 0, row.getLong(3) < nowMillis);
        }
    }

    private <T> CompletableFuture<T> run(String what, Transactions.Work<T> work) {
        return executor.transaction(what, work);
    }

    private static void positive(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max: " + max + " (expected: >= 1)");
        }
    }

    @Override
    public String toString() {
        return "JdbcMessageQueue(node=" + nodeId + ", " + dialect + ")";
    }
}
