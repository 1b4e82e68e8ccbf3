package org.cmppgw.gateway.provider;

import org.cmppgw.gateway.model.MessagePriority;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * The queues of one provider: one per {@link MessagePriority}, served strictly in order (a verification code never
 * waits behind marketing), plus a front queue for parts coming back for another try after their session was lost,
 * which go before everything else. An item may hold several parts (all parts of one message travel together); the
 * size counts parts, as the item's weight says. Lock-free and multi-producer, multi-consumer: the API, the store's
 * writer and every session event loop of the provider use them at once.
 *
 * <p>Bounded by construction rather than by a second limit: an entry exists only for a message that holds a unit of
 * the dispatcher's capacity (see {@code DispatchCapacity}), so the parts here never outnumber the accepted messages in
 * memory times their part count.
 *
 * @param <T> what is queued (parts to send)
 */
public final class PartQueues<T> {
    private final ToIntFunction<T> weight;
    private final Queue<T> front = new ConcurrentLinkedQueue<>();
    private final Queue<T> high = new ConcurrentLinkedQueue<>();
    private final Queue<T> normal = new ConcurrentLinkedQueue<>();
    private final Queue<T> low = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();

    /**
     * @param weight how many parts an item holds; must not change while the item is queued (it may change once taken,
     *               which is why an item is weighed before it is queued and as it is taken, never after)
     */
    public PartQueues(ToIntFunction<T> weight) {
        this.weight = Objects.requireNonNull(weight, "weight");
    }

    /** Queues {@code item} behind the others of its priority. */
    public void offer(T item, MessagePriority priority) {
        Queue<T> queue = switch (priority) {
            case HIGH -> high;
            case NORMAL -> normal;
            case LOW -> low;
        };
        // Weighed before it is visible: a session may take it and start sending it the moment it is queued.
        int parts = weight.applyAsInt(item);
        queue.offer(item);
        size.addAndGet(parts);
    }

    /** Queues {@code item} ahead of every priority queue: a part sent before that must go again. */
    public void offerFront(T item) {
        int parts = weight.applyAsInt(item);
        front.offer(item);
        size.addAndGet(parts);
    }

    /** The next item to send, or {@code null} when all queues are empty. */
    public T poll() {
        T item = front.poll();
        if (item == null) {
            item = high.poll();
            if (item == null) {
                item = normal.poll();
                if (item == null) {
                    item = low.poll();
                }
            }
        }
        if (item != null) {
            size.addAndGet(-weight.applyAsInt(item));
        }
        return item;
    }

    /** A hint: an offer in progress may not be counted yet, a poll in progress may still be. */
    public boolean isEmpty() {
        return size.get() <= 0;
    }

    /**
     * Takes out the items {@code which} selects and hands each to {@code sink}; the others stay in their queue, in
     * their order. Meant for a provider without sessions (down, or stopped): an item taken meanwhile by a session is
     * simply not seen, and an item offered meanwhile may end up ahead of some that were there before it.
     */
    public void takeIf(Predicate<? super T> which, Consumer<? super T> sink) {
        for (Queue<T> queue : List.of(front, high, normal, low)) {
            List<T> kept = new ArrayList<>();
            T item;
            while ((item = queue.poll()) != null) {
                if (which.test(item)) {
                    size.addAndGet(-weight.applyAsInt(item));
                    sink.accept(item);
                } else {
                    kept.add(item);
                }
            }
            // Back as they were, still counted in the size.
            queue.addAll(kept);
        }
    }

    /** Parts queued (a hint, like {@link #isEmpty()}). */
    public int size() {
        return Math.max(0, size.get());
    }
}
