package org.cmppgw.gateway.node;

import io.netty.util.concurrent.DefaultThreadFactory;
import org.cmppgw.gateway.persistence.sql.Dialect;
import org.cmppgw.gateway.persistence.sql.HeldMessages;
import org.cmppgw.gateway.persistence.sql.Transactions;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@link OrphanedWork} on the store's queue (docs/design.md §3, "the store is the queue"): the messages a dead node
 * held in memory (in their message rows or {@code held_message} since their accept, or claimed in
 * {@code pending_message}) go back to the queue, marked as possible resends (db/migration/V8__store_queue.sql), and
 * any node with room claims them; what the dead node had only queued in the store was never its own.
 *
 * <p>They are put back only while the dead node's registry row is still adopted by this node, locked in the same
 * transaction: a process that claimed the dead id meanwhile puts its own messages back itself at start, and they are
 * never put back (and sent) twice. Every node this one adopted and no process claimed since is covered again, which
 * changes nothing for the rows already put back.
 */
public final class AdoptedMessages implements OrphanedWork, AutoCloseable {
    /** Locked: a process claiming one of these ids meanwhile waits, and then finds its messages in the queue. */
    private static final String ADOPTED = "SELECT node_id FROM gateway_node WHERE adopted_by = ? ORDER BY node_id"
        + " FOR UPDATE";

    private final Transactions transactions;
    private final HeldMessages held;
    private final int nodeId;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(
        new DefaultThreadFactory("node-adoption", true));

    public AdoptedMessages(DataSource dataSource, int nodeId) {
        this.transactions = new Transactions(dataSource, "node registry");
        this.held = new HeldMessages(Dialect.of(dataSource));
        this.nodeId = nodeId;
    }

    @Override
    public CompletableFuture<Integer> adopt(int deadNode) {
        return CompletableFuture.supplyAsync(() -> transactions.run("queueing again the messages of the nodes adopted"
            + " by node " + nodeId, c -> {
                int requeued = 0;
                try (PreparedStatement lock = c.prepareStatement(ADOPTED)) {
                    lock.setInt(1, nodeId);
                    try (ResultSet rows = lock.executeQuery()) {
                        while (rows.next()) {
                            requeued += held.requeue(c, rows.getInt(1));
                        }
                    }
                }
                return requeued;
            }), executor);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
