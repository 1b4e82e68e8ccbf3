/**
 * Status callbacks to apps (docs/design.md §3 "Callbacks are a durable outbox", §4): the
 * {@link org.cmppgw.gateway.callback.CallbackDispatcher} claims due rows of the store's outbox, POSTs them as signed
 * JSMS forms over keep-alive connections, one circuit breaker and one concurrency limit per endpoint, and records each
 * outcome (sent, retried on the JSMS schedule, deferred, abandoned); the
 * {@link org.cmppgw.gateway.callback.CallbackUrlVerifier} runs the JSMS {@code echostr} check of a callback URL.
 *
 * <p>Cold path: everything runs on this package's own threads and the store's writer; nothing here runs on, or waits
 * for, a CMPP event loop, and a slow or dead app only ever costs its own endpoint's share of the bounded budgets.
 */
package org.cmppgw.gateway.callback;
