/**
 * Correlation: what the carrier says about a message, turned into its final status (docs/design.md §3,
 * docs/cmpp-protocol.md §10.2). {@link org.cmppgw.gateway.correlation.SubmitPhase} records SUBMIT_RESP outcomes,
 * {@link org.cmppgw.gateway.correlation.ReportPhase} matches status reports to submits on
 * ({@link org.cmppgw.gateway.correlation.CarrierKey provider, carrier Msg_Id}), parking those that arrive first, and
 * the {@link org.cmppgw.gateway.correlation.Finalizer} decides each message's final status from its parts' events
 * ({@link org.cmppgw.gateway.correlation.PartEvent}), exactly once, writing its callback outbox row in the same
 * transaction. Each step's SQL lives with it.
 *
 * <p>Cold path: the steps run inside the store's status lane transaction, on its writer thread, never on an event
 * loop.
 */
package org.cmppgw.gateway.correlation;
