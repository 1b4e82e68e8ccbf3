/**
 * The CMPP provider: {@link org.cmppgw.gateway.provider.cmpp.CmppProviderPool} assembles a carrier account's parts and
 * is the {@link org.cmppgw.gateway.provider.Provider} the dispatcher sees. It builds one {@code PoolServices} for its
 * connections ({@code ConnectionSlot}: login, reconnect with back-off, circuit breaker; {@code SessionPump}: pumps
 * queued parts through each session's window within the shared TPS limit), and gives the other parts only their own
 * inputs: {@code RetryPolicy} (Result 8 pauses and resends, unknown outcomes resent once), {@code OutcomeRecorder}
 * (SUBMIT_RESP outcomes to the store in batches), {@code DeliverHandler} and {@code MoReceiver} (DELIVERs made durable
 * before they are answered). What every pool of a gateway shares is one
 * {@link org.cmppgw.gateway.provider.cmpp.SharedServices} (docs/cmpp-protocol.md §7, §9.5, §11, §12). HOT path:
 * per-session work runs on that session's event loop without locks or blocking; store futures are awaited by callbacks,
 * never joined; no per-message logging, failures are logged through a throttle.
 */
package org.cmppgw.gateway.provider.cmpp;
