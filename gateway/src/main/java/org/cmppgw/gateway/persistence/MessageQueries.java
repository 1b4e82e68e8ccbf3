package org.cmppgw.gateway.persistence;

import org.cmppgw.gateway.model.OutboundMessage;
import org.cmppgw.gateway.model.StoredMessage;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Reads of stored messages that write nothing: a message's current status, and after a crash the messages this node
 * must send again. They run on the store's bounded read executor, never on a writer. Asynchronous and never blocking,
 * as every store interface (see the package documentation).
 */
public interface MessageQueries {
    /** A message with its current status. */
    CompletableFuture<Optional<StoredMessage>> findMessage(long msgId);

    /**
     * Messages accepted by {@code nodeId} whose parts do not all have a recorded submit outcome and that are not
     * final, by ascending msg_id after {@code afterMsgId} (page with the last id returned): what a node owes the
     * carrier, for inspection and tests. Sending them again after a crash is the queue's work
     * ({@link MessageQueue#requeue}).
     */
    CompletableFuture<List<OutboundMessage>> pendingForResend(int nodeId, long afterMsgId, int max);
}
