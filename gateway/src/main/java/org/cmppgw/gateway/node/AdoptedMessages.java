package org.cmppgw.gateway.node;

import io.netty.util.concurrent.DefaultThreadFactory;
import org.cmppgw.gateway.config.NodeConfig;
import org.cmppgw.gateway.dispatch.Dispatcher;
import org.cmppgw.gateway.persistence.jdbc.JdbcMessageStore;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
 * cut short by a crash ends in this node's normal restart resend, and an adopter of this node takes both ids. The move
 * happens only while the dead node's registry row is still adopted by this node (locked), so a process that claimed
 * the dead id meanwhile resends its messages itself and they are never sent by both.
 */
public final class AdoptedMessages implements OrphanedWork, AutoCloseable {
    /** Added to a node id for the transient owner of the messages it is adopting. */
    public static final int ADOPTING = NodeConfig.MAX_ID + 1;
    private static final String STILL_ADOPTED = "SELECT adopted_by FROM gateway_node WHERE node_id = ? FOR UPDATE";
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
     * At start, before this node's restart resend: messages an earlier process of this node was adopting become
     * plainly this node's.
     *
     * @return the messages folded
     */
    public static int foldOwn(DataSource dataSource, int nodeId) {
        return fold(new Transactions(dataSource), nodeId);
    }

    @Override
    public CompletableFuture<Integer> adopt(int deadNode) {
        return CompletableFuture.supplyAsync(() -> move(deadNode), executor)
            .thenCompose(moved -> moved == 0 ? CompletableFuture.completedFuture(0)
                : dispatcher.resendPending(store, ADOPTING + nodeId, Long.MAX_VALUE))
            .thenApplyAsync(resent -> {
                fold(transactions, nodeId);
                return resent;
            }, executor);
    }

    private int move(int deadNode) {
        return transactions.run("moving the messages of node " + deadNode, c -> {
            try (PreparedStatement lock = c.prepareStatement(STILL_ADOPTED)) {
                lock.setInt(1, deadNode);
                try (ResultSet row = lock.executeQuery()) {
                    if (!row.next() || row.getInt(1) != nodeId || row.wasNull()) {
                        // the dead id was claimed again meanwhile: its new process resends them
                        return 0;
                    }
                }
            }
            try (PreparedStatement move = c.prepareStatement(MOVE)) {
                move.setInt(1, ADOPTING + nodeId);
                move.setInt(2, deadNode);
                move.setInt(3, ADOPTING + deadNode);
                return move.executeUpdate();
            }
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
