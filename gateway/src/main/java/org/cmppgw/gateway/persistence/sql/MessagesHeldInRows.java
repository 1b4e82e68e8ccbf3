package org.cmppgw.gateway.persistence.sql;

import org.cmppgw.gateway.model.MessageIdGenerator;
import org.cmppgw.gateway.persistence.QueueEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The messages this node holds in memory whose place in the queue is their own message row
 * (db/migration/V33__held_in_message_row.sql) rather than a {@code held_message} row: fresh messages the accept lane
 * handed to memory. Nothing is written when one is submitted; it leaves this set instead.
 *
 * <p>A restart or an adoption finds them by a range scan of {@code message} from the node's mark
 * ({@code gateway_node.held_mark}, {@link HeldMessages#requeue}): the mark is at or below every message held here and
 * every one an accept in flight may still add ({@link #mark}). A node holds none this way until its start wrote a mark
 * ({@link #marked}); one held longer than {@value #STALE_MILLIS} ms is given a {@code held_message} row by the status
 * lane ({@link #heldBefore}), so the mark keeps moving on while a provider is down.
 *
 * <p>The accept lane adds messages after its commit ({@link #add}); the status lane takes them out inside its
 * transaction ({@link #take}: submitted, final, withdrawn, or moved to a row), and they count as gone only once it
 * commits ({@link #committed}; {@link #begin} puts back what a rolled-back one took); the queue's thread takes those it
 * hands back to the store ({@link #removeAll}, {@link #restore} if that fails). Thread-safe.
 */
public final class MessagesHeldInRows {
    /** How long a message stays held without a row of its own before the status lane gives it one. */
    public static final long STALE_MILLIS = 60_000;
    /** How far back from now the mark stays: beyond the longest an accept takes from its msg ids to its commit. */
    static final long ACCEPT_WINDOW_MILLIS = 300_000;

    /**
     * A held message's queue values: what its {@code pending_message} or {@code held_message} row would hold. Its due
     * time is its accept ({@link #mayHold}), which is also when it began to be held.
     */
    public record Entry(long msgId, int rank, long dueAt, long expiresAt, String provider, String appKey) {
        static Entry of(QueueEntry entry) {
            return new Entry(entry.message().msgId(), entry.rank(), entry.dueAt(), entry.expiresAt(),
                entry.provider(), entry.message().appKey());
        }
    }

    private final Map<Long, Entry> held = new ConcurrentHashMap<>();
    /** Taken by the status lane's open transaction; put back if it rolls back. Status lane's thread only. */
    private final List<Entry> taking = new ArrayList<>();
    private volatile boolean marked;

    /**
     * Whether the accept lane may hold {@code entry} in its message row: this node's mark is recorded, the entry goes
     * to memory, and it is due at its accept (the due time its row leaves implicit).
     */
    public boolean mayHold(QueueEntry entry) {
        return marked && entry.inMemory() && entry.dueAt() == entry.message().acceptedAt().toEpochMilli();
    }

    /** This node's mark is recorded: from now on its restart or adopter looks for messages held in their rows. */
    public void marked() {
        marked = true;
    }

    public boolean isMarked() {
        return marked;
    }

    /** The accept that stored {@code entries} in their rows committed. */
    public void add(List<QueueEntry> entries) {
        for (QueueEntry entry : entries) {
            held.put(entry.message().msgId(), Entry.of(entry));
        }
    }

    /** A status lane transaction begins: what an earlier one that rolled back took is held again. */
    public void begin() {
        for (Entry entry : taking) {
            held.put(entry.msgId(), entry);
        }
        taking.clear();
    }

    /** The status lane's transaction committed: what it took is gone. */
    public void committed() {
        taking.clear();
    }

    /**
     * Takes {@code msgId} out, in the status lane's transaction.
     *
     * @return whether it was held here (then the caller has no queue row to delete)
     */
    public boolean take(long msgId) {
        Entry entry = held.remove(msgId);
        if (entry == null) {
            return false;
        }
        taking.add(entry);
        return true;
    }

    /** Takes out of {@code msgIds} those held here, in the status lane's transaction; the others are returned. */
    public LongList takeAll(LongList msgIds) {
        if (held.isEmpty()) {
            return msgIds;
        }
        LongList rest = new LongList();
        for (int i = 0; i < msgIds.size(); i++) {
            if (!take(msgIds.get(i))) {
                rest.add(msgIds.get(i));
            }
        }
        return rest;
    }

    /** Takes out, for good, those of {@code msgIds} held here (the queue's thread, handing them back). */
    public List<Entry> removeAll(List<Long> msgIds) {
        List<Entry> removed = new ArrayList<>();
        for (Long msgId : msgIds) {
            Entry entry = held.remove(msgId);
            if (entry != null) {
                removed.add(entry);
            }
        }
        return removed;
    }

    /** Holds again what {@link #removeAll} took, when handing them back failed. */
    public void restore(List<Entry> entries) {
        for (Entry entry : entries) {
            held.put(entry.msgId(), entry);
        }
    }

    /** The entries held since before {@code millis}, by msg id. */
    public List<Entry> heldBefore(long millis) {
        List<Entry> stale = new ArrayList<>();
        held.values().forEach(entry -> {
            if (entry.dueAt() < millis) {
                stale.add(entry);
            }
        });
        stale.sort((a, b) -> Long.compare(a.msgId(), b.msgId()));
        return stale;
    }

    /** Each entry held now (a snapshot, for the backlog's counts). */
    public void forEach(Consumer<Entry> action) {
        held.values().forEach(action);
    }

    /**
     * A msg_id at or below every message held here and every one an accept in flight may still add: those have ids
     * of the last {@value #ACCEPT_WINDOW_MILLIS} ms. Never 0, which means "holds none". What the status lane's open
     * transaction took is not covered: the mark it writes commits or rolls back with the taking.
     */
    public long mark(long nowMillis) {
        long mark = MessageIdGenerator.firstIdOf(nowMillis - ACCEPT_WINDOW_MILLIS);
        for (Long msgId : held.keySet()) {
            mark = Math.min(mark, msgId);
        }
        return Math.max(1, mark);
    }
}
