package org.cmppgw.gateway.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.netty.handler.codec.http.HttpMethod;
import org.cmppgw.gateway.catalog.CatalogService;
import org.cmppgw.gateway.catalog.SignatureRequest;
import org.cmppgw.gateway.catalog.SignatureRules;
import org.cmppgw.gateway.intake.ApiError;
import org.cmppgw.gateway.intake.Outcome;
import org.cmppgw.gateway.model.StoredSignature;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * {@code /v1/sign}: an app creates (multipart, {@link MultipartForm}), modifies (rejected ones only), reads and
 * deletes its signatures (docs/api.md "Signatures"), in JSMS's shapes: {@code {"sign_id":…}} for create and modify.
 * The rules are {@link SignatureRules}; the work is the {@link CatalogService}'s, off the event loop.
 */
final class SignaturesEndpoint {
    static final String SIGN_ID = "sign_id";

    private final CatalogService catalog;
    private final JsonResponses json;

    /** {@code {"sign_id":…}}. */
    record Created(@JsonProperty("sign_id") long signId) {
    }

    /** A signature as {@code GET} answers it; {@code status} 0 pending, 1 approved, 2 rejected. */
    record Shown(@JsonProperty("sign_id") long signId, @JsonProperty("sign") String sign,
                 @JsonProperty("type") int type, @JsonProperty("remark") String remark,
                 @JsonProperty("status") int status, @JsonProperty("reason") String reason,
                 @JsonProperty("is_default") int isDefault, @JsonProperty("images") int images) {
    }

    SignaturesEndpoint(CatalogService catalog, JsonResponses json) {
        this.catalog = catalog;
        this.json = json;
    }

    List<ApiRoute> routes() {
        return List.of(
            new ApiRoute(HttpMethod.POST, "/v1/sign", BodyRule.MULTIPART, "sign_create", this::create),
            new ApiRoute(HttpMethod.POST, "/v1/sign/{sign_id}", BodyRule.MULTIPART, "sign_update", this::update),
            new ApiRoute(HttpMethod.GET, "/v1/sign/{sign_id}", BodyRule.NONE, "sign_get", this::get),
            new ApiRoute(HttpMethod.DELETE, "/v1/sign/{sign_id}", BodyRule.NONE, "sign_delete", this::delete));
    }

    private CompletableFuture<ApiReply> create(ApiRequest request) {
        Outcome<SignatureRequest> parsed = MultipartForm.signature(request);
        if (!parsed.isOk()) {
            return TemplatesEndpoint.done(json.error(request.alloc(), parsed));
        }
        return answer(request, catalog.createSignature(request.app().appKey(), parsed.value()), Created::new);
    }

    private CompletableFuture<ApiReply> update(ApiRequest request) {
        long id = TemplatesEndpoint.id(request.pathParam(SIGN_ID));
        if (id < 0) {
            return invalidId(request);
        }
        Outcome<SignatureRequest> parsed = MultipartForm.signature(request);
        if (!parsed.isOk()) {
            return TemplatesEndpoint.done(json.error(request.alloc(), parsed));
        }
        return answer(request, catalog.updateSignature(request.app().appKey(), id, parsed.value()), Created::new);
    }

    private CompletableFuture<ApiReply> get(ApiRequest request) {
        long id = TemplatesEndpoint.id(request.pathParam(SIGN_ID));
        if (id < 0) {
            return invalidId(request);
        }
        String appKey = request.app().appKey();
        return answer(request, catalog.signature(appKey, id), s -> shown(appKey, s));
    }

    private Shown shown(String appKey, StoredSignature s) {
        return new Shown(s.id(), s.text(), s.type(), s.remark(), s.status().code(), s.reason(),
            catalog.isDefault(appKey, s.id()) ? 1 : 0, s.images());
    }

    private CompletableFuture<ApiReply> delete(ApiRequest request) {
        long id = TemplatesEndpoint.id(request.pathParam(SIGN_ID));
        if (id < 0) {
            return invalidId(request);
        }
        return answer(request, catalog.deleteSignature(request.app().appKey(), id), deleted -> Map.of());
    }

    private CompletableFuture<ApiReply> invalidId(ApiRequest request) {
        return TemplatesEndpoint.done(json.error(request.alloc(), ApiError.INVALID_SIGN_ID,
            ApiError.INVALID_SIGN_ID.message()));
    }

    private <T> CompletableFuture<ApiReply> answer(ApiRequest request, CompletableFuture<Outcome<T>> work,
                                                   Function<T, Object> body) {
        return work.thenApplyAsync(outcome -> outcome.isOk() ? json.ok(request.alloc(), body.apply(outcome.value()))
            : json.error(request.alloc(), outcome), request.loop());
    }
}
