/**
 * The JSMS-shaped HTTP API on Netty (docs/design.md §4): {@code POST /v1/messages} and {@code POST /v1/messages/batch}.
 * A request is routed ({@link org.cmppgw.gateway.api.ApiRouter}: method, path template with parameters, one
 * {@link org.cmppgw.gateway.api.BodyRule} per route; docs/api.md), authenticated and limited
 * ({@link org.cmppgw.gateway.api.RequestGate}), parsed, and answered by its endpoint
 * ({@link org.cmppgw.gateway.api.MessagesEndpoint}), which leaves admission and the durable accept to
 * {@link org.cmppgw.gateway.intake}. Warm path on the API's event loops: JSON parsing and rendering run there (CPU
 * only); nothing here blocks, and the durable accept is awaited as a future, never joined.
 */
package org.cmppgw.gateway.api;
