package org.cmppgw.gateway.console;

import io.netty.handler.codec.http.HttpResponseStatus;
import org.cmppgw.gateway.config.AppConfig;
import org.cmppgw.gateway.console.pages.JtepoliciesGenerated;
import org.cmppgw.gateway.console.pages.JteuserGenerated;
import org.cmppgw.gateway.console.pages.JteusersGenerated;
import org.cmppgw.gateway.intake.ApiError;
import org.cmppgw.gateway.intake.Outcome;
import org.cmppgw.gateway.policy.PolicyService;
import org.cmppgw.gateway.users.UserService;
import org.cmppgw.gateway.users.StoredUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The console's users and send policies of an app (docs/api.md "Users", "Send policies"): the users page by page or
 * found by user id, mobile or email, one user, and the app's policies with their steps; deleting a policy goes
 * through the same {@link PolicyService} call as {@code DELETE /v1/policies/{policy_id}} (50403 when unknown).
 */
final class UserPages {
    private static final Logger LOG = LoggerFactory.getLogger(UserPages.class);
    /** Users on one page. */
    static final int PAGE = 50;
    /** Longest search text taken: an email address's 320 characters. */
    static final int MAX_QUERY = 320;

    private final ConsoleServices services;
    private final UserService users;
    private final PolicyService policies;

    UserPages(ConsoleServices services) {
        this.services = services;
        this.users = services.api().users();
        this.policies = services.api().policies();
    }

    /** Whether the gateway serves users and policies at all. */
    boolean served() {
        return users != null && policies != null;
    }

    /** A page of {@code app}'s users after user id {@code after}, or those {@code query} finds. */
    CompletableFuture<ConsoleReply> users(Frame frame, String app, String query, String after) {
        List<String> apps = apps();
        String appKey = appOrFirst(app, apps);
        String q = query == null ? "" : query.strip();
        String from = after == null ? "" : after;
        if (!apps.contains(appKey) || q.length() > MAX_QUERY) {
            String error = ApiError.INVALID_BODY.code() + ": " + (!apps.contains(appKey) ? "app: " + appKey
                + " (expected: a configured app)" : "q: " + q.length() + " characters (expected: at most "
                + MAX_QUERY + ")");
            return ConsolePages.done(ConsolePages.page(HttpResponseStatus.BAD_REQUEST, out -> JteusersGenerated
                .render(out, null, frame, apps, appKey, "", List.of(), "", error)));
        }
        return users.search(appKey, q, from, PAGE + 1).thenApply(found -> {
            if (!found.isOk()) {
                return failed(found);
            }
            List<StoredUser> rows = found.value();
            boolean more = rows.size() > PAGE;
            List<StoredUser> page = more ? rows.subList(0, PAGE) : rows;
            String next = more ? "?app=" + encode(appKey) + "&q=" + encode(q) + "&after="
                + encode(page.get(PAGE - 1).userId()) : "";
            return ConsolePages.page(out -> JteusersGenerated.render(out, null, frame, apps, appKey, q, page, next,
                ""));
        });
    }

    /** One user of {@code app}. */
    CompletableFuture<ConsoleReply> user(Frame frame, String app, String userId) {
        String appKey = app == null ? "" : app;
        if (!apps().contains(appKey) || userId == null || userId.isEmpty()) {
            return ConsolePages.done(notFound(ApiError.USER_NOT_FOUND));
        }
        return users.user(appKey, userId).thenApply(found -> found.isOk()
            ? ConsolePages.page(out -> JteuserGenerated.render(out, null, frame, appKey, found.value()))
            : notFound(found.error()));
    }

    /** The app's policies with their steps; {@code notice} after a delete. */
    CompletableFuture<ConsoleReply> policies(Frame frame, String app, String notice) {
        return policies(frame, HttpResponseStatus.OK, app, notice, "");
    }

    /** Deletes policy {@code policyId} of {@code app}, as {@code DELETE /v1/policies/{policy_id}} does. */
    CompletableFuture<ConsoleReply> deletePolicy(Frame frame, String app, long policyId) {
        String appKey = app == null ? "" : app;
        if (!apps().contains(appKey) || policyId <= 0) {
            return policies(frame, ApiError.POLICY_NOT_FOUND.status(), appKey, "", ApiError.POLICY_NOT_FOUND.code()
                + ": " + ApiError.POLICY_NOT_FOUND.message());
        }
        return policies.delete(appKey, policyId).thenCompose(deleted -> {
            if (!deleted.isOk()) {
                return policies(frame, deleted.error().status(), appKey, "", deleted.error().code() + ": "
                    + deleted.message());
            }
            LOG.info("console - operator {} deleted policy {} of app {}", frame.operator(), policyId, appKey);
            return ConsolePages.done(ConsoleReply.redirect("/console/policies?app=" + encode(appKey)
                + "&deleted=" + policyId));
        });
    }

    private CompletableFuture<ConsoleReply> policies(Frame frame, HttpResponseStatus status, String app,
                                                     String notice, String error) {
        List<String> apps = apps();
        String appKey = appOrFirst(app, apps);
        if (!apps.contains(appKey)) {
            return ConsolePages.done(ConsolePages.page(HttpResponseStatus.BAD_REQUEST, out -> JtepoliciesGenerated
                .render(out, null, frame, apps, appKey, List.of(), "", ApiError.INVALID_BODY.code() + ": app: "
                    + appKey + " (expected: a configured app)")));
        }
        return policies.policies(appKey).thenApply(found -> found.isOk()
            ? ConsolePages.page(status, out -> JtepoliciesGenerated.render(out, null, frame, apps, appKey,
                found.value(), notice, error))
            : failed(found));
    }

    private List<String> apps() {
        return services.config().apps().stream().map(AppConfig::appKey).toList();
    }

    private static String appOrFirst(String app, List<String> apps) {
        return app == null || app.isEmpty() ? (apps.isEmpty() ? "" : apps.get(0)) : app;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static ConsoleReply notFound(ApiError error) {
        return ConsoleReply.text(HttpResponseStatus.NOT_FOUND, error.code() + ": " + error.message());
    }

    private static ConsoleReply failed(Outcome<?> outcome) {
        return ConsoleReply.text(HttpResponseStatus.SERVICE_UNAVAILABLE, outcome.error().code() + ": "
            + outcome.message());
    }
}
