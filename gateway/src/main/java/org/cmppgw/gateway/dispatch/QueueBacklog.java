package org.cmppgw.gateway.dispatch;

import org.cmppgw.gateway.config.BacklogLimits;
import org.cmppgw.gateway.metrics.GatewayMetrics;
import org.cmppgw.gateway.model.MessagePriority;
import org.cmppgw.gateway.persistence.MessageQueue;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The backlog quotas ({@code limits.backlog}, docs/api.md "Back-pressure"): accepted messages not yet submitted, as
 * last counted in the store plus what this node accepted since. The count is refreshed by the {@link QueueRefill}
 * every {@code countInterval}; between counts, messages sent are not subtracted (the quota errs on the safe side by
 * one interval's drain), and what other nodes accepted is not seen. Also publishes the counted backlog per provider,
 * priority and place in {@code /metrics}. Thread-safe; checks are lock-free and may overshoot a quota by the messages
 * of requests admitted at the same instant.
 */
public final class QueueBacklog {
    private static final String[] PRIORITIES = names();

    private final BacklogLimits limits;
    private final GatewayMetrics metrics;
    private volatile MessageQueue.Backlog counted = new MessageQueue.Backlog(List.of(), Map.of());
    private volatile long countedTotal;
    private final AtomicLong acceptedSince = new AtomicLong();
    private final Map<String, AtomicLong> acceptedSinceByApp = new ConcurrentHashMap<>();
    /** This node made messages wait in the store since the refill last asked (see {@link #mayWaitInStore}). */
    private final AtomicBoolean queuedInStore = new AtomicBoolean(true);
    /** Metric cells by "provider/rank/place"; a cell no longer counted reads 0. */
    private final Map<String, AtomicLong> cells = new ConcurrentHashMap<>();

    public QueueBacklog(BacklogLimits limits, GatewayMetrics metrics) {
        this.limits = limits;
        this.metrics = metrics;
    }

    /**
     * Counts {@code messages} of {@code appKey} into the backlog if both quotas take them.
     *
     * @return null when admitted, else why not (the API's 503 message)
     */
    public String tryAdmit(String appKey, int messages) {
        long total = countedTotal + acceptedSince.get() + messages;
        if (total > limits.total()) {
            return "backlog - " + (total - messages) + " messages wait to be sent (limits.backlog.total "
                + limits.total() + "), try again later";
        }
        AtomicLong own = acceptedSinceByApp.computeIfAbsent(appKey, k -> new AtomicLong());
        long app = counted.byApp().getOrDefault(appKey, 0L) + own.get() + messages;
        if (app > limits.perApp()) {
            return "backlog - " + (app - messages) + " messages of this app wait to be sent (limits.backlog.perApp "
                + limits.perApp() + "), try again later";
        }
        own.addAndGet(messages);
        acceptedSince.addAndGet(messages);
        return null;
    }

    /** Gives back what {@link #tryAdmit} counted for messages that were not stored after all. */
    public void forget(String appKey, int messages) {
        acceptedSince.addAndGet(-messages);
        AtomicLong own = acceptedSinceByApp.get(appKey);
        if (own != null) {
            own.addAndGet(-messages);
        }
    }

    /** A fresh count from the store replaces the last one and what was accepted since. */
    void counted(MessageQueue.Backlog backlog) {
        counted = backlog;
        countedTotal = backlog.total();
        acceptedSince.set(0);
        acceptedSinceByApp.clear();
        cells.values().forEach(cell -> cell.set(0));
        for (MessageQueue.Depth depth : backlog.depths()) {
            String place = depth.waiting() ? "store" : "memory";
            String priority = depth.rank() >= 0 && depth.rank() < PRIORITIES.length ? PRIORITIES[depth.rank()] : "low";
            String provider = depth.provider().isEmpty() ? "none" : depth.provider();
            cells.computeIfAbsent(provider + '/' + priority + '/' + place, key -> {
                AtomicLong cell = new AtomicLong();
                metrics.registerBacklog(provider, priority, place, cell::get);
                return cell;
            }).addAndGet(depth.count());
        }
    }

    /** Accepted messages not yet submitted: the last count plus what this node accepted since. */
    public long total() {
        return countedTotal + acceptedSince.get();
    }

    /** Of the last count, the messages waiting in the store (not claimed by any node). */
    public long waitingInStore() {
        long waiting = 0;
        for (MessageQueue.Depth depth : counted.depths()) {
            waiting += depth.waiting() ? depth.count() : 0;
        }
        return waiting;
    }

    /** This node stored messages that wait in the store (not kept in memory), or put some back there. */
    public void queuedInStore() {
        queuedInStore.set(true);
    }

    /**
     * Whether the store may hold messages waiting for a claim, as far as this node knows: the last count saw some, or
     * this node queued some since the last call. Resets the second; other nodes' are seen at the next count.
     */
    boolean mayWaitInStore() {
        return queuedInStore.getAndSet(false) | waitingInStore() > 0;
    }

    private static String[] names() {
        MessagePriority[] values = MessagePriority.values();
        String[] names = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            names[i] = values[i].name().toLowerCase(Locale.ROOT);
        }
        return names;
    }
}
