package org.cmppgw.gateway.api;

import java.util.concurrent.CompletableFuture;

/** What answers one route: called on the connection's event loop once the request passed the gate and body rule. */
@FunctionalInterface
interface ApiEndpoint {
    /**
     * @param request the request; its body is valid only until this returns
     * @return the answer; it may complete on any thread (the handler moves back to the event loop)
     */
    CompletableFuture<ApiReply> handle(ApiRequest request);
}
