package org.cmppgw.gateway.config;

/**
 * The {@code limits} section: capacities of the in-memory queues, so a slow carrier, database or app applies
 * back-pressure instead of growing the heap (docs/design.md §3). The store's own intake queue is
 * {@code database.queueCapacity}.
 *
 * @param dispatchQueueCapacity   messages loaded from the store and waiting for a provider window
 * @param callbackQueueCapacity   callbacks waiting for a free connection to their app
 * @param unmatchedReportCapacity status reports held in memory while waiting for their SUBMIT_RESP; more are parked
 *                                in the store
 */
public record LimitsConfig(int dispatchQueueCapacity, int callbackQueueCapacity, int unmatchedReportCapacity) {
    public LimitsConfig {
        ConfigChecks.range("dispatchQueueCapacity", dispatchQueueCapacity, 1, 10_000_000);
        ConfigChecks.range("callbackQueueCapacity", callbackQueueCapacity, 1, 10_000_000);
        ConfigChecks.range("unmatchedReportCapacity", unmatchedReportCapacity, 1, 10_000_000);
    }
}
