package org.cmppgw.gateway.node;

import java.util.concurrent.CompletableFuture;

/**
 * The in-flight messages of a dead node, taken over by this one after it adopted the node's registry row
 * ({@link NodeRegistry#adopt}): the messages become this node's and are sent again (at-least-once towards the
 * carrier, counted as resends). The gateway wires the implementation that fits its queue.
 */
public interface OrphanedWork {
    /**
     * @return the number of messages taken over, when they are all handed to the dispatcher
     */
    CompletableFuture<Integer> adopt(int deadNode);
}
