/**
 * The durable callback outbox (docs/design.md §3 "Callbacks are a durable outbox"): rows written in the transaction
 * that makes a message final or stores an MO ({@link org.cmppgw.gateway.callback.outbox.OutboxRows}), handed to this
 * node's sender after the commit ({@link org.cmppgw.gateway.callback.outbox.NewCallbacks}), claimed under a lease by
 * any node ({@link org.cmppgw.gateway.persistence.sql.ClaimQuery}) and finished as sent, rescheduled, deferred or
 * abandoned ({@link org.cmppgw.gateway.callback.outbox.OutboxPhase}). The SQL lives here.
 *
 * <p>Cold path: everything here runs inside a store lane's transaction, on its writer thread, never on an event loop.
 */
package org.cmppgw.gateway.callback.outbox;
