package org.cmppgw.gateway.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.netty.handler.codec.http.HttpMethod;
import org.cmppgw.gateway.catalog.CatalogService;
import org.cmppgw.gateway.catalog.TemplateRequest;
import org.cmppgw.gateway.catalog.TemplateRules;
import org.cmppgw.gateway.intake.ApiError;
import org.cmppgw.gateway.intake.Outcome;
import org.cmppgw.gateway.model.StoredTemplate;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * {@code /v1/templates}: an app creates, modifies (rejected ones only), reads and deletes its templates (docs/api.md
 * "Templates"), in JSMS's shapes: {@code {"temp_id":…}} for create and modify, the template with its review
 * {@code status} for a read. The rules are {@link TemplateRules}; the work is the {@link CatalogService}'s, off the
 * event loop.
 */
final class TemplatesEndpoint {
    static final String TEMP_ID = "temp_id";

    private final RequestBodies bodies;
    private final CatalogService catalog;
    private final JsonResponses json;

    /** {@code {"temp_id":…}}. */
    record Created(@JsonProperty("temp_id") long tempId) {
    }

    /** A template as {@code GET} answers it; {@code status} 0 pending, 1 approved, 2 rejected. */
    record Shown(@JsonProperty("temp_id") long tempId, @JsonProperty("template") String template,
                 @JsonProperty("type") int type, @JsonProperty("ttl") int ttl, @JsonProperty("remark") String remark,
                 @JsonProperty("status") int status, @JsonProperty("reason") String reason) {
        static Shown of(StoredTemplate t) {
            return new Shown(t.id(), t.content(), TemplateRules.code(t.type()), t.ttl(), t.remark(),
                t.status().code(), t.reason());
        }
    }

    TemplatesEndpoint(RequestBodies bodies, CatalogService catalog, JsonResponses json) {
        this.bodies = bodies;
        this.catalog = catalog;
        this.json = json;
    }

    List<ApiRoute> routes() {
        return List.of(
            new ApiRoute(HttpMethod.POST, "/v1/templates", BodyRule.JSON, "templates_create", this::create),
            new ApiRoute(HttpMethod.PUT, "/v1/templates/{temp_id}", BodyRule.JSON, "templates_update", this::update),
            new ApiRoute(HttpMethod.GET, "/v1/templates/{temp_id}", BodyRule.NONE, "templates_get", this::get),
            new ApiRoute(HttpMethod.DELETE, "/v1/templates/{temp_id}", BodyRule.NONE, "templates_delete",
                this::delete));
    }

    private CompletableFuture<ApiReply> create(ApiRequest request) {
        Outcome<TemplateRequest> parsed = bodies.read(TemplateRequest.class, request.body());
        if (!parsed.isOk()) {
            return done(json.error(request.alloc(), parsed));
        }
        return answer(request, catalog.createTemplate(request.app().appKey(), parsed.value()), Created::new);
    }

    private CompletableFuture<ApiReply> update(ApiRequest request) {
        long id = id(request.pathParam(TEMP_ID));
        if (id < 0) {
            return done(json.error(request.alloc(), ApiError.INVALID_TEMP_ID, ApiError.INVALID_TEMP_ID.message()));
        }
        Outcome<TemplateRequest> parsed = bodies.read(TemplateRequest.class, request.body());
        if (!parsed.isOk()) {
            return done(json.error(request.alloc(), parsed));
        }
        return answer(request, catalog.updateTemplate(request.app().appKey(), id, parsed.value()), Created::new);
    }

    private CompletableFuture<ApiReply> get(ApiRequest request) {
        long id = id(request.pathParam(TEMP_ID));
        if (id < 0) {
            return done(json.error(request.alloc(), ApiError.INVALID_TEMP_ID, ApiError.INVALID_TEMP_ID.message()));
        }
        return answer(request, catalog.template(request.app().appKey(), id), Shown::of);
    }

    private CompletableFuture<ApiReply> delete(ApiRequest request) {
        long id = id(request.pathParam(TEMP_ID));
        if (id < 0) {
            return done(json.error(request.alloc(), ApiError.INVALID_TEMP_ID, ApiError.INVALID_TEMP_ID.message()));
        }
        return answer(request, catalog.deleteTemplate(request.app().appKey(), id), deleted -> Map.of());
    }

    /** The answer built on the connection's loop once the catalog is done. */
    private <T> CompletableFuture<ApiReply> answer(ApiRequest request, CompletableFuture<Outcome<T>> work,
                                                   Function<T, Object> body) {
        return work.thenApplyAsync(outcome -> outcome.isOk() ? json.ok(request.alloc(), body.apply(outcome.value()))
            : json.error(request.alloc(), outcome), request.loop());
    }

    /** A path id: 1..2^31-1 (JSMS's SDK keeps ids in an int); -1 when it is anything else. */
    static long id(String value) {
        if (value == null || value.isEmpty() || value.length() > 10) {
            return -1;
        }
        long id = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            id = id * 10 + (c - '0');
        }
        return id >= 1 && id <= Integer.MAX_VALUE ? id : -1;
    }

    static CompletableFuture<ApiReply> done(ApiReply reply) {
        return CompletableFuture.completedFuture(reply);
    }
}
