/**
 * The CMPP provider: {@link org.cmppgw.gateway.provider.cmpp.CmppProviderPool} keeps a carrier account's connections
 * (login, reconnect with back-off, circuit breaker, shared TPS limit) and pumps queued parts through each session's
 * window; SUBMIT_RESP outcomes go to the store in batches; DELIVERs (status reports and MO) are made durable before
 * they are answered (cmpp-spec.md §7, §9.5, §11, §12). HOT path: per-session work runs on that session's event loop
 * without locks or blocking; store futures are awaited by callbacks, never joined; no per-message logging.
 */
package org.cmppgw.gateway.provider.cmpp;
