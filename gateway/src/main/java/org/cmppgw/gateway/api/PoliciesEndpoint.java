package org.cmppgw.gateway.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.netty.handler.codec.http.HttpMethod;
import org.cmppgw.gateway.intake.ApiError;
import org.cmppgw.gateway.intake.Outcome;
import org.cmppgw.gateway.policy.PolicyRequest;
import org.cmppgw.gateway.policy.PolicyService;
import org.cmppgw.gateway.policy.StoredPolicy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * {@code /v1/policies} (docs/api.md "Send policies"): an app creates, lists, reads and deletes its send policies. The
 * checks are {@link org.cmppgw.gateway.policy.PolicyRules}'; the database work is the {@link PolicyService}'s, off the
 * event loop.
 */
final class PoliciesEndpoint {
    static final String POLICY_ID = "policy_id";

    private final RequestBodies bodies;
    private final PolicyService policies;
    private final JsonResponses json;

    /** A policy as the API shows it; the id is a string, like a msg_id. */
    record Shown(@JsonProperty("policy_id") String policyId, @JsonProperty("name") String name,
                 @JsonProperty("steps") List<PolicyRequest.Step> steps) {
        static Shown of(StoredPolicy p) {
            return new Shown(Long.toString(p.policyId()), p.form().name(), p.form().steps());
        }
    }

    PoliciesEndpoint(RequestBodies bodies, PolicyService policies, JsonResponses json) {
        this.bodies = bodies;
        this.policies = policies;
        this.json = json;
    }

    List<ApiRoute> routes() {
        return List.of(
            new ApiRoute(HttpMethod.POST, "/v1/policies", BodyRule.JSON, "policies_create", this::create),
            new ApiRoute(HttpMethod.GET, "/v1/policies", BodyRule.NONE, "policies_list", this::list),
            new ApiRoute(HttpMethod.GET, "/v1/policies/{policy_id}", BodyRule.NONE, "policies_get", this::get),
            new ApiRoute(HttpMethod.DELETE, "/v1/policies/{policy_id}", BodyRule.NONE, "policies_delete",
                this::delete));
    }

    private CompletableFuture<ApiReply> create(ApiRequest request) {
        Outcome<PolicyRequest> parsed = bodies.read(PolicyRequest.class, request.body());
        if (!parsed.isOk()) {
            return TemplatesEndpoint.done(json.error(request.alloc(), parsed));
        }
        return answer(request, policies.create(request.app().appKey(), parsed.value()),
            id -> Map.of(POLICY_ID, Long.toString(id)));
    }

    private CompletableFuture<ApiReply> list(ApiRequest request) {
        return answer(request, policies.policies(request.app().appKey()),
            all -> Map.of("policies", all.stream().map(Shown::of).toList()));
    }

    private CompletableFuture<ApiReply> get(ApiRequest request) {
        long id = id(request.pathParam(POLICY_ID));
        if (id < 0) {
            return notFound(request);
        }
        return answer(request, policies.policy(request.app().appKey(), id), Shown::of);
    }

    private CompletableFuture<ApiReply> delete(ApiRequest request) {
        long id = id(request.pathParam(POLICY_ID));
        if (id < 0) {
            return notFound(request);
        }
        return answer(request, policies.delete(request.app().appKey(), id), deleted -> Map.of());
    }

    private CompletableFuture<ApiReply> notFound(ApiRequest request) {
        return TemplatesEndpoint.done(json.error(request.alloc(), ApiError.POLICY_NOT_FOUND,
            ApiError.POLICY_NOT_FOUND.message()));
    }

    private <T> CompletableFuture<ApiReply> answer(ApiRequest request, CompletableFuture<Outcome<T>> work,
                                                   Function<T, Object> body) {
        return work.thenApplyAsync(outcome -> outcome.isOk() ? json.ok(request.alloc(), body.apply(outcome.value()))
            : json.error(request.alloc(), outcome), request.loop());
    }

    /** A path id: 1..2^63-1 in decimal; -1 when it is anything else. */
    static long id(String value) {
        if (value == null || value.isEmpty() || value.length() > 19) {
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
        return id >= 1 ? id : -1;
    }
}
