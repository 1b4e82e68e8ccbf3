/**
 * The JSMS-shaped HTTP API on Netty (DESIGN §4): {@code POST /v1/messages} and {@code POST /v1/messages/batch}.
 * A request is routed ({@link org.cmppgw.gateway.api.ApiRoute}), authenticated and limited
 * ({@link org.cmppgw.gateway.api.RequestGate}), parsed and admitted (validation and template rendering,
 * {@link org.cmppgw.gateway.api.MessageAdmission}), and its messages are handed to the
 * {@link org.cmppgw.gateway.api.MessageIntake}, whose future answers once they are durable. Warm path on the API's
 * event loops: JSON parsing and rendering run there (CPU only); nothing here blocks, and the durable accept is
 * awaited as a future, never joined.
 */
package org.cmppgw.gateway.api;
