package org.cmppgw.gateway.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.netty.handler.codec.http.HttpMethod;
import org.cmppgw.gateway.intake.ApiError;
import org.cmppgw.gateway.intake.Outcome;
import org.cmppgw.gateway.users.ImportResult;
import org.cmppgw.gateway.users.StoredUser;
import org.cmppgw.gateway.users.UserImport;
import org.cmppgw.gateway.users.UserRequest;
import org.cmppgw.gateway.users.UserRules;
import org.cmppgw.gateway.users.UserService;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * {@code /v1/users} (docs/api.md "Users"): an app imports (creates or replaces) up to 50,000 users in one request,
 * replaces, reads and deletes one. The checks and the database work are the {@link UserService}'s, off the event
 * loop; the answer is built back on the connection's loop.
 */
final class UsersEndpoint {
    static final String USER_ID = "user_id";

    private final RequestBodies bodies;
    private final UserService users;
    private final JsonResponses json;

    /** A user as {@code GET} and {@code PUT} answer it. */
    record Shown(@JsonProperty("user_id") String userId, @JsonProperty("mobile") String mobile,
                 @JsonProperty("email") String email, @JsonProperty("tags") List<String> tags) {
        static Shown of(StoredUser u) {
            return new Shown(u.userId(), u.mobile(), u.email(), u.tags());
        }
    }

    UsersEndpoint(RequestBodies bodies, UserService users, JsonResponses json) {
        this.bodies = bodies;
        this.users = users;
        this.json = json;
    }

    List<ApiRoute> routes() {
        return List.of(
            new ApiRoute(HttpMethod.POST, "/v1/users", BodyRule.JSON, "users_import", this::importUsers),
            new ApiRoute(HttpMethod.PUT, "/v1/users/{user_id}", BodyRule.JSON, "users_update", this::update),
            new ApiRoute(HttpMethod.GET, "/v1/users/{user_id}", BodyRule.NONE, "users_get", this::get),
            new ApiRoute(HttpMethod.DELETE, "/v1/users/{user_id}", BodyRule.NONE, "users_delete", this::delete));
    }

    private CompletableFuture<ApiReply> importUsers(ApiRequest request) {
        Outcome<UserImport> parsed = bodies.read(UserImport.class, request.body());
        if (!parsed.isOk()) {
            return TemplatesEndpoint.done(json.error(request.alloc(), parsed));
        }
        return users.importUsers(request.app().appKey(), parsed.value()).thenApplyAsync(outcome -> {
            if (!outcome.isOk()) {
                return json.error(request.alloc(), outcome);
            }
            ImportResult result = outcome.value();
            return json.ok(request.alloc(), g -> {
                g.writeStartObject();
                g.writeNumberField("success_count", result.imported());
                g.writeNumberField("failure_count", result.failures().size());
                g.writeArrayFieldStart("failure_users");
                for (ImportResult.Failure f : result.failures()) {
                    g.writeStartObject();
                    g.writeNumberField("index", f.index());
                    g.writeStringField(USER_ID, f.userId());
                    g.writeStringField("error_code", Integer.toString(f.error().code()));
                    g.writeStringField("error_message", f.message());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            });
        }, request.loop());
    }

    private CompletableFuture<ApiReply> update(ApiRequest request) {
        String id = request.pathParam(USER_ID);
        if (!UserRules.isUserId(id)) {
            return notFound(request, id);
        }
        Outcome<UserRequest> parsed = bodies.read(UserRequest.class, request.body());
        if (!parsed.isOk()) {
            return TemplatesEndpoint.done(json.error(request.alloc(), parsed));
        }
        return answer(request, users.update(request.app().appKey(), id, parsed.value()), Shown::of);
    }

    private CompletableFuture<ApiReply> get(ApiRequest request) {
        String id = request.pathParam(USER_ID);
        if (!UserRules.isUserId(id)) {
            return notFound(request, id);
        }
        return answer(request, users.user(request.app().appKey(), id), Shown::of);
    }

    private CompletableFuture<ApiReply> delete(ApiRequest request) {
        String id = request.pathParam(USER_ID);
        if (!UserRules.isUserId(id)) {
            return notFound(request, id);
        }
        return answer(request, users.delete(request.app().appKey(), id), deleted -> Map.of());
    }

    private CompletableFuture<ApiReply> notFound(ApiRequest request, String id) {
        return TemplatesEndpoint.done(json.error(request.alloc(), ApiError.USER_NOT_FOUND,
            ApiError.USER_NOT_FOUND.message() + ": " + id));
    }

    private <T> CompletableFuture<ApiReply> answer(ApiRequest request, CompletableFuture<Outcome<T>> work,
                                                   Function<T, Object> body) {
        return work.thenApplyAsync(outcome -> outcome.isOk() ? json.ok(request.alloc(), body.apply(outcome.value()))
            : json.error(request.alloc(), outcome), request.loop());
    }
}
