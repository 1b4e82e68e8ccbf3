package org.cmppgw.gateway.persistence;

import org.cmppgw.gateway.model.OutboundMessage;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The store as the queue of accepted messages (docs/design.md §3, "the store is the queue"; the columns are in
 * db/migration/V8__store_queue.sql). The accept writes each message's row ({@link IntakeStore#admit(List)}); a node
 * with room in memory claims due rows in priority order and sends them; a row leaves when every part's submit outcome
 * is stored or the message is final. Claims are exclusive across nodes sharing one database. Asynchronous and never
 * blocking, as every store interface.
 */
public interface MessageQueue {
    /**
     * A claimed message, now this node's to send or to fail.
     *
     * @param resend  a node had it in memory before and stopped before all its outcomes were stored (a possible
     *                duplicate at the carrier)
     * @param expired it waited past its time to live: make it final instead of sending it
     */
    record Claimed(OutboundMessage message, boolean resend, boolean expired) {
    }

    /**
     * Claims up to {@code max} waiting messages due at {@code nowMillis}: high priority first, then normal, then low,
     * each oldest due first.
     *
     * @param skipProviders providers whose messages stay waiting (down, with no backup up)
     * @param ranks         how many ranks to take from: 1 high only, 3 all
     */
    CompletableFuture<List<Claimed>> claim(int max, long nowMillis, Set<String> skipProviders, int ranks);

    /** Claims up to {@code max} waiting messages whose time to live ended before {@code nowMillis}. */
    CompletableFuture<List<Claimed>> claimExpired(int max, long nowMillis);

    /**
     * Puts the messages node {@code nodeId} had in memory back in the queue, marked as possible resends: this node's
     * own at start (before it accepts or claims anything), or a dead node's when another node takes over its work.
     *
     * @return how many
     */
    CompletableFuture<Integer> requeue(int nodeId);

    /**
     * Puts messages this node holds in memory back in the queue as they were, not marked as resends: at a stop, those
     * it had queued but never started sending.
     *
     * @return how many
     */
    CompletableFuture<Integer> release(List<Long> msgIds);

    /** The backlog as counted now: accepted messages not yet submitted. */
    CompletableFuture<Backlog> count();

    /**
     * How many messages of one provider and rank wait in the store or are in some node's memory.
     *
     * @param rank 0 high, 1 normal, 2 low
     */
    record Depth(String provider, int rank, boolean waiting, long count) {
    }

    /**
     * @param depths per provider, rank and place
     * @param byApp  messages per app key, waiting or taken
     */
    record Backlog(List<Depth> depths, Map<String, Long> byApp) {
        public Backlog {
            depths = List.copyOf(depths);
            byApp = Map.copyOf(byApp);
        }

        public long total() {
            long sum = 0;
            for (long n : byApp.values()) {
                sum += n;
            }
            return sum;
        }
    }
}
