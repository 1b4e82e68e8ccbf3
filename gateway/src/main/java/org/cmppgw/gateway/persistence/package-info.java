/**
 * The durable message store: one narrow interface per concern ({@link org.cmppgw.gateway.persistence.IntakeStore},
 * {@link org.cmppgw.gateway.persistence.CorrelationStore}, {@link org.cmppgw.gateway.persistence.CallbackOutbox},
 * {@link org.cmppgw.gateway.persistence.MessageQueries}, {@link org.cmppgw.gateway.persistence.ReportPulls}), the
 * {@link org.cmppgw.gateway.persistence.MessageStore} aggregate of them all, and the
 * {@link org.cmppgw.gateway.persistence.BatchWriter} that turns many concurrent writes into few group commits.
 *
 * <p>Every store method returns at once and never blocks the caller, so it may be called on an event loop. Writes are
 * group-committed: a future completes only after the transaction holding the write has committed (or exceptionally
 * with a {@link org.cmppgw.gateway.persistence.StoreException} when it failed, with nothing of it stored). When the
 * write queue is full the returned future has already failed with
 * {@link org.cmppgw.gateway.persistence.StoreOverloadedException}. Reads run on the store's read executor.
 *
 * <p>Cold path by construction: callers on event loops only enqueue work and get a {@code CompletableFuture}; JDBC runs
 * on the writers' own threads or on the read executor, behind bounded queues that refuse work when full (back-pressure,
 * docs/design.md §3) instead of growing the heap.
 */
package org.cmppgw.gateway.persistence;
