package org.cmppgw.gateway.api;

import io.netty.handler.codec.http.HttpMethod;
import org.cmppgw.gateway.config.AppConfig;
import org.cmppgw.gateway.intake.ApiError;
import org.cmppgw.gateway.intake.rules.AppStanding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * The operator's hold on sending (docs/api.md "Operator API", "Admission rules"): blacklist an app (its sends are
 * 50036) or freeze the whole account (every send is 50301), and lift either. The state is the store's
 * ({@link AppStanding}): it survives restarts, and other nodes apply it within {@code admission.standingRefresh}.
 * Each change is logged with the operator's name.
 */
final class StandingEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(StandingEndpoint.class);
    private static final String APP_KEY = "app_key";

    private final AppStanding standing;
    private final Set<String> apps;
    private final JsonResponses json;

    StandingEndpoint(AppStanding standing, List<AppConfig> apps, JsonResponses json) {
        this.standing = standing;
        this.apps = apps.stream().map(AppConfig::appKey).collect(Collectors.toUnmodifiableSet());
        this.json = json;
    }

    List<ApiRoute> routes() {
        return List.of(
            ApiRoute.operator(HttpMethod.GET, "/operator/v1/standing", BodyRule.NONE, "operator_standing",
                this::show),
            ApiRoute.operator(HttpMethod.POST, "/operator/v1/apps/{app_key}/blacklist", BodyRule.NONE,
                "operator_blacklist", r -> blacklist(r, true)),
            ApiRoute.operator(HttpMethod.DELETE, "/operator/v1/apps/{app_key}/blacklist", BodyRule.NONE,
                "operator_blacklist", r -> blacklist(r, false)),
            ApiRoute.operator(HttpMethod.POST, "/operator/v1/account/freeze", BodyRule.NONE, "operator_freeze",
                r -> freeze(r, true)),
            ApiRoute.operator(HttpMethod.DELETE, "/operator/v1/account/freeze", BodyRule.NONE, "operator_freeze",
                r -> freeze(r, false)));
    }

    private CompletableFuture<ApiReply> show(ApiRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("frozen", standing.frozen());
        body.put("blacklisted", apps.stream().filter(standing::blacklisted).sorted().toList());
        return CompletableFuture.completedFuture(json.ok(request.alloc(), body));
    }

    private CompletableFuture<ApiReply> blacklist(ApiRequest request, boolean on) {
        String appKey = request.pathParam(APP_KEY);
        if (!apps.contains(appKey)) {
            return CompletableFuture.completedFuture(json.error(request.alloc(), ApiError.INVALID_BODY,
                ApiError.INVALID_BODY.message() + ": no app " + appKey));
        }
        return standing.setBlacklisted(appKey, on).handleAsync((done, failure) -> {
            if (failure != null) {
                LOG.warn("operator {} - {} app {} failed: {}", request.operator(), on ? "blacklisting" : "clearing",
                    appKey, failure.toString());
                return json.error(request.alloc(), ApiError.SERVER_ERROR, ApiError.SERVER_ERROR.message());
            }
            LOG.info("operator {} - app {} {}", request.operator(), appKey,
                on ? "blacklisted" : "no longer blacklisted");
            return json.ok(request.alloc(), Map.of(APP_KEY, appKey, "blacklisted", on));
        }, request.loop());
    }

    private CompletableFuture<ApiReply> freeze(ApiRequest request, boolean on) {
        return standing.setFrozen(on).handleAsync((done, failure) -> {
            if (failure != null) {
                LOG.warn("operator {} - {} the account failed: {}", request.operator(), on ? "freezing" : "thawing",
                    failure.toString());
                return json.error(request.alloc(), ApiError.SERVER_ERROR, ApiError.SERVER_ERROR.message());
            }
            LOG.info("operator {} - account {}", request.operator(), on ? "frozen" : "no longer frozen");
            return json.ok(request.alloc(), Map.of("frozen", on));
        }, request.loop());
    }
}
