package org.cmppgw.gateway.api;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.concurrent.EventExecutor;

import java.util.List;
import java.util.Map;

/**
 * A routed, authenticated request as an endpoint sees it.
 *
 * @param app        the authenticated app; null on an operator route
 * @param pathParams the route's {@code {name}} parameters, percent-decoded; an endpoint checks their form
 * @param uri        the request URI as sent, for {@link #query()}
 * @param body       the body; valid only until the endpoint returns, never released by it
 * @param alloc      allocates the answer's buffer
 * @param loop       the connection's event loop, where the answer is built
 * @param operator    the authenticated operator's name on an operator route; null on an app's
 * @param contentType the {@code Content-Type} header as sent (a multipart body's boundary is there); may be null
 * @param idempotencyKey the {@code Idempotency-Key} header as sent, or null (docs/api.md "When the database is slow
 *                       or down")
 */
record ApiRequest(ApiApp app, Map<String, String> pathParams, String uri, ByteBuf body, ByteBufAllocator alloc,
                  EventExecutor loop, String operator, String contentType, String idempotencyKey) {
    /** An app's request. */
    ApiRequest(ApiApp app, Map<String, String> pathParams, String uri, ByteBuf body, ByteBufAllocator alloc,
               EventExecutor loop) {
        this(app, pathParams, uri, body, alloc, loop, null, null, null);
    }

    /** A path parameter by name; the route declares it, so it is never null for a declared name. */
    String pathParam(String name) {
        return pathParams.get(name);
    }

    /**
     * The query string's parameters, decoded on demand (most endpoints never read them).
     *
     * @throws IllegalArgumentException on a malformed percent escape
     */
    Map<String, List<String>> query() {
        return new QueryStringDecoder(uri).parameters();
    }
}
