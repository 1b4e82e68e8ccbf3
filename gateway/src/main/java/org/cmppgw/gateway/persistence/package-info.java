/**
 * The durable message store: the {@link org.cmppgw.gateway.persistence.MessageStore} contract and the
 * {@link org.cmppgw.gateway.persistence.BatchWriter} that turns many concurrent writes into few group commits.
 * Cold path by construction: callers on event loops only enqueue work and get a {@code CompletableFuture}; JDBC runs on
 * the writer's own thread or on the read executor, behind bounded queues that refuse work when full (back-pressure,
 * DESIGN.md §3) instead of growing the heap.
 */
package org.cmppgw.gateway.persistence;
