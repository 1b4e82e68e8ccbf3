package org.cmppgw.gateway.config;

/**
 * The {@code limits} section: what a node holds in memory, so a slow carrier, database or app applies back-pressure
 * instead of growing the heap, and how much may wait in the store (docs/design.md §3, "the store is the queue"). The
 * store's own write queue is {@code database.queueCapacity}.
 *
 * @param dispatchQueueCapacity   messages a node holds in memory: queued for a provider window, in a window, or
 *                                waiting for their outcomes to be stored. The rest of the backlog waits in the store
 *                                and is claimed in priority order as room frees; the last tenth is kept for
 *                                verification codes
 * @param callbackQueueCapacity   callbacks waiting for a free connection to their app
 * @param unmatchedReportCapacity status reports held in memory while waiting for their SUBMIT_RESP; more are parked
 *                                in the store
 * @param backlog                 how many accepted messages may wait to be submitted, in all and per app (503/50019
 *                                over it)
 * @param messageTtl              how long a message may wait in the store after it was due before it is made final
 *                                FAILED (GW:EXPIRED) instead of sent, per template type and app
 */
public record LimitsConfig(int dispatchQueueCapacity, int callbackQueueCapacity, int unmatchedReportCapacity,
                           BacklogLimits backlog, MessageTtl messageTtl) {
    public LimitsConfig {
        ConfigChecks.range("dispatchQueueCapacity", dispatchQueueCapacity, 10, 10_000_000);
        ConfigChecks.range("callbackQueueCapacity", callbackQueueCapacity, 1, 10_000_000);
        ConfigChecks.range("unmatchedReportCapacity", unmatchedReportCapacity, 1, 10_000_000);
        ConfigChecks.present("backlog", backlog, "total, perApp and countInterval");
        ConfigChecks.present("messageTtl", messageTtl, "code, notification, marketing and apps");
    }

    /** Memory for messages of normal and low priority: all but the tenth kept for verification codes. */
    public int bulkCapacity() {
        return dispatchQueueCapacity - Math.max(1, dispatchQueueCapacity / 10);
    }
}
