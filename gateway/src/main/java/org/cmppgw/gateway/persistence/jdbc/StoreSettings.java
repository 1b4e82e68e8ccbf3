package org.cmppgw.gateway.persistence.jdbc;

import org.cmppgw.gateway.callback.outbox.CallbackFilter;
import org.cmppgw.gateway.model.MessageIdGenerator;
import org.cmppgw.gateway.persistence.BillingRules;
import org.cmppgw.gateway.persistence.StoreRules;

import java.time.Duration;
import java.util.Objects;

/**
 * How the store runs on this node.
 *
 * @param nodeId         this gateway node (0..1023), owner of the messages it accepts until they are submitted
 * @param queueCapacity  the most rows waiting for the writer; beyond it writes are refused (back-pressure)
 * @param maxBatchRows   the most rows per group commit (~500 measured best on MariaDB and H2, docs/design.md §3)
 * @param closeTimeout   how long close() waits for queued writes
 * @param callbacks      which reports and replies get a callback outbox row (the apps' callback settings)
 * @param rules          the admission rules applied in the store's transactions
 * @param billing        how accepted messages are billed (docs/api.md "Balances and billing")
 */
public record StoreSettings(int nodeId, int queueCapacity, int maxBatchRows, Duration closeTimeout,
                            CallbackFilter callbacks, StoreRules rules, BillingRules billing) {
    public static final int DEFAULT_QUEUE_CAPACITY = 50_000;
    public static final int DEFAULT_MAX_BATCH_ROWS = 500;
    public static final int MAX_NODE_ID = MessageIdGenerator.MAX_NODE;

    public StoreSettings {
        if (nodeId < 0 || nodeId > MAX_NODE_ID) {
            throw new IllegalArgumentException("nodeId: " + nodeId + " (expected: 0.." + MAX_NODE_ID + ")");
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity: " + queueCapacity + " (expected: >= 1)");
        }
        if (maxBatchRows < 1 || maxBatchRows > queueCapacity) {
            throw new IllegalArgumentException(
                "maxBatchRows: " + maxBatchRows + " (expected: 1.." + queueCapacity + ")");
        }
        Objects.requireNonNull(closeTimeout, "closeTimeout");
        Objects.requireNonNull(callbacks, "callbacks");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(billing, "billing");
    }

    /** Settings without billing. */
    public StoreSettings(int nodeId, int queueCapacity, int maxBatchRows, Duration closeTimeout,
                         CallbackFilter callbacks, StoreRules rules) {
        this(nodeId, queueCapacity, maxBatchRows, closeTimeout, callbacks, rules, BillingRules.OFF);
    }

    /** Settings that make every callback ({@link CallbackFilter#ALL}), without admission rules. */
    public StoreSettings(int nodeId, int queueCapacity, int maxBatchRows, Duration closeTimeout) {
        this(nodeId, queueCapacity, maxBatchRows, closeTimeout, CallbackFilter.ALL, StoreRules.NONE);
    }

    /** Settings that make the callbacks {@code callbacks} selects, without admission rules. */
    public StoreSettings(int nodeId, int queueCapacity, int maxBatchRows, Duration closeTimeout,
                         CallbackFilter callbacks) {
        this(nodeId, queueCapacity, maxBatchRows, closeTimeout, callbacks, StoreRules.NONE);
    }

    /** These settings with {@code callbacks}. */
    public StoreSettings withCallbacks(CallbackFilter callbacks) {
        return new StoreSettings(nodeId, queueCapacity, maxBatchRows, closeTimeout, callbacks, rules, billing);
    }

    /** These settings with {@code rules}. */
    public StoreSettings withRules(StoreRules rules) {
        return new StoreSettings(nodeId, queueCapacity, maxBatchRows, closeTimeout, callbacks, rules, billing);
    }

    /** These settings with {@code billing}. */
    public StoreSettings withBilling(BillingRules billing) {
        return new StoreSettings(nodeId, queueCapacity, maxBatchRows, closeTimeout, callbacks, rules, billing);
    }

    /** Default queue and batch sizes for {@code nodeId}. */
    public static StoreSettings defaults(int nodeId) {
        return new StoreSettings(nodeId, DEFAULT_QUEUE_CAPACITY, DEFAULT_MAX_BATCH_ROWS, Duration.ofSeconds(30));
    }
}
