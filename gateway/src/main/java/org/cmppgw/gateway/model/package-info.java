/**
 * Protocol-neutral values of the gateway's message life: what the API accepted
 * ({@link org.cmppgw.gateway.model.OutboundMessage}), what the carrier answered
 * ({@link org.cmppgw.gateway.model.SubmitOutcome}, {@link org.cmppgw.gateway.model.CarrierReport},
 * {@link org.cmppgw.gateway.model.MoMessage}), what the customer is told
 * ({@link org.cmppgw.gateway.model.FinalReport}, {@link org.cmppgw.gateway.model.CallbackTask}), and the generator
 * of our 64-bit msg_ids. Hot path: records are built per message; constructors validate without allocating and
 * never read a clock.
 */
package org.cmppgw.gateway.model;
