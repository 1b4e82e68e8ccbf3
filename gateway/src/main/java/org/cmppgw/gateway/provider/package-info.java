/**
 * Providers: where the dispatcher hands an {@link org.cmppgw.gateway.provider.OutboundSms} to be sent (each
 * {@link org.cmppgw.gateway.provider.Provider} serves one channel; the CMPP pool in {@code cmpp/} serves SMS), and the
 * shared pieces every provider uses ({@link org.cmppgw.gateway.provider.PartQueues}). HOT path: everything here runs
 * per message, on API and session event loops; nothing blocks, nothing takes a lock, nothing logs per message.
 */
package org.cmppgw.gateway.provider;
