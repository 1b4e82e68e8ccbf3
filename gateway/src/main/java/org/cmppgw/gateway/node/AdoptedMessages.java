package org.cmppgw.gateway.node;

import io.netty.util.concurrent.DefaultThreadFactory;
import org.cmppgw.gateway.config.NodeConfig;
import org.cmppgw.gateway.dispatch.Dispatcher;
import org.cmppgw.gateway.persistence.jdbc.JdbcMessageStore;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;

/**
 * {@link OrphanedWork} for today's queue: a dead node's messages still in {@code pending_message} become this node's
 * and go through the crash-recovery resend ({@link Dispatcher#resendPending}).
 *
 * <p>They are first moved to a transient owner, {@code 1024 + this node} (outside the node id range), so that the
 * resend pages through exactly them and not this node's own messages in flight; once all are handed to the dispatcher
 * they are folded into this node's id. A node folds its transient rows at start too ({@link #foldOwn}), so an adoption
 * cut short by a crash ends in this node's normal restart resend, and an adopter of this node takes both ids (and the
 * rows this node had adopted). The move happens only while the dead node's registry row is still adopted by this node
 * (locked), so a process that claimed the dead id meanwhile resends its messages itself and they are never sent by
 * both.
 */
public final class AdoptedMessages implements OrphanedWork, AutoCloseable {
    /** Added to a node id for the transient owner of the messages it is adopting. */
    public static final int ADOPTING = NodeConfig.MAX_ID + 1;
    /** Locked: a process claiming one of these ids meanwhile waits, and then finds its messages moved. */
    private static final String ADOPTED = "SELECT node_id FROM gateway_node WHERE adopted_by = ? ORDER BY node_id"
        + " FOR UPDATE";
    private static final String MOVE = "UPDATE pending_message SET node_id = ? WHERE node_id = ? OR node_id = ?";
    private static final String FOLD = "UPDATE pending_message SET node_id = ? WHERE node_id = ?";

    private final Transactions transactions;
    private final int nodeId;
    private final JdbcMessageStore store;
    private final Dispatcher dispatcher;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(
        new DefaultThreadFactory("node-adoption", true));

    public AdoptedMessages(DataSource dataSource, int nodeId, JdbcMessageStore store, Dispatcher dispatcher) {
        this.transactions = new Transactions(dataSource);
        this.nodeId = nodeId;
        this.store = store;
        this.dispatcher = dispatcher;
    }

    /**
     * At start, before this node's restart resend: messages an earlier process of this node was adopting, or had not
     * yet taken from a node it adopted (a stop or crash in between), become plainly this node's, so the restart resend
     * sends them.
     *
     * @return the messages folded
     */
    public static int foldOwn(DataSource dataSource, int nodeId) {
        Transactions transactions = new Transactions(dataSource);
        return move(transactions, nodeId, nodeId) + fold(transactions, nodeId);
    }

    @Override
    public CompletableFuture<Integer> adopt(int deadNode) {
        return CompletableFuture.supplyAsync(() -> move(transactions, nodeId, ADOPTING + nodeId), executor)
            .thenCompose(moved -> moved == 0 ? CompletableFuture.completedFuture(0)
                : dispatcher.resendPending(store, ADOPTING + nodeId, Long.MAX_VALUE))
            .thenApplyAsync(resent -> {
                fold(transactions, nodeId);
                return resent;
            }, executor);
    }

    /**
     * Moves to {@code owner} the pending messages of every node whose row this node has adopted and that no new
     * process claimed since: the node just adopted, and any node it had adopted without finishing (their rows came
     * with it).
     */
    private static int move(Transactions transactions, int nodeId, int owner) {
        return transactions.run("moving the messages of the nodes adopted by node " + nodeId, c -> {
            List<Integer> adopted = new ArrayList<>();
            try (PreparedStatement lock = c.prepareStatement(ADOPTED)) {
                lock.setInt(1, nodeId);
                try (ResultSet rows = lock.executeQuery()) {
                    while (rows.next()) {
                        adopted.add(rows.getInt(1));
                    }
                }
            }
            int moved = 0;
            try (PreparedStatement move = c.prepareStatement(MOVE)) {
                for (int node : adopted) {
                    move.setInt(1, owner);
                    move.setInt(2, node);
                    move.setInt(3, ADOPTING + node);
                    moved += move.executeUpdate();
                }
            }
            return moved;
        });
    }

    private static int fold(Transactions transactions, int nodeId) {
        return transactions.run("folding adopted messages of node " + nodeId, c -> {
            try (PreparedStatement fold = c.prepareStatement(FOLD)) {
                fold.setInt(1, nodeId);
                fold.setInt(2, ADOPTING + nodeId);
                return fold.executeUpdate();
            }
        });
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
