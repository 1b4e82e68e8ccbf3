package org.cmppgw.gateway.api;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.cmppgw.gateway.clicks.ClickTracking;
import org.cmppgw.gateway.intake.ApiError;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The tracking links, {@code GET} and {@code HEAD} {@code clicks.path/{token}} without credentials (docs/api.md
 * "Click tracking"): a known token is counted and answered 302 to its original link; a malformed or unknown one 404
 * (50502) and never a redirect, so the gateway cannot be used to send anyone elsewhere. Answers are not to be cached:
 * every click must reach the gateway.
 */
final class ClickEndpoint {
    static final String LABEL = "click";

    private final ClickTracking clicks;
    private final JsonResponses json;

    ClickEndpoint(ClickTracking clicks, JsonResponses json) {
        this.clicks = clicks;
        this.json = json;
    }

    List<ApiRoute> routes() {
        String template = clicks.config().routeTemplate();
        return List.of(ApiRoute.open(HttpMethod.GET, template, LABEL, this::follow),
            ApiRoute.open(HttpMethod.HEAD, template, LABEL, this::follow));
    }

    private CompletableFuture<ApiReply> follow(ApiRequest request) {
        return clicks.follow(request.pathParam("token")).thenApply(outcome -> {
            if (!outcome.isOk()) {
                return json.error(request.alloc(), outcome);
            }
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.FOUND,
                Unpooled.EMPTY_BUFFER);
            response.headers()
                .set(HttpHeaderNames.LOCATION, ascii(outcome.value()))
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE)
                .set("Referrer-Policy", "no-referrer")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
            return new ApiReply(response, ApiError.SUCCESS_CODE);
        });
    }

    /** A header carries ASCII only: a link with other characters goes percent-encoded (it was checked as a URI). */
    private static String ascii(String url) {
        try {
            return new URI(url).toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("click - a stored link is not a URI: " + url, e);
        }
    }
}
