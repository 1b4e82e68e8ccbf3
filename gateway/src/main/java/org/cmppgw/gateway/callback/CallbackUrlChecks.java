package org.cmppgw.gateway.callback;

import org.cmppgw.gateway.config.AppCallbacks;
import org.cmppgw.gateway.config.AppConfig;
import org.cmppgw.gateway.config.CallbackUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The {@code echostr} check of every app's callback URLs when the gateway starts, the moment they are registered
 * (docs/api.md "URL verification"). Per app ({@code apps[].callbacks.urlCheck}): {@code warn} checks in the
 * background and logs one WARN line per failing URL, which is still called back (with retries); {@code require}
 * makes {@link #run} wait for the verdicts and refuse the start when one fails; {@code off}, or an app that takes no
 * callbacks, is not checked.
 */
public final class CallbackUrlChecks {
    private static final Logger LOG = LoggerFactory.getLogger(CallbackUrlChecks.class);

    private CallbackUrlChecks() {
    }

    /**
     * Starts the checks; waits only for the apps whose check is {@code require}.
     *
     * @return every check started, complete when all verdicts are in (and logged)
     * @throws IllegalStateException when a URL of an app with {@code urlCheck: require} fails
     */
    public static CompletableFuture<Void> run(List<AppConfig> apps, CallbackUrlVerifier verifier) {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        List<CompletableFuture<CallbackUrlVerifier.Verification>> required = new ArrayList<>();
        List<String> requiredApps = new ArrayList<>();
        for (AppConfig app : apps) {
            if (!app.callbacks().checksUrls()) {
                continue;
            }
            boolean require = app.callbacks().urlCheck() == AppCallbacks.UrlCheck.REQUIRE;
            for (CallbackUrl url : app.callbackUrls()) {
                CompletableFuture<CallbackUrlVerifier.Verification> check = verifier.verify(url.url());
                if (require) {
                    required.add(check);
                    requiredApps.add(app.appKey());
                } else {
                    all.add(check.thenAccept(v -> warnIfFailed(app.appKey(), v)));
                }
            }
        }
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < required.size(); i++) {
            CallbackUrlVerifier.Verification v = required.get(i).join();
            if (v.passed()) {
                LOG.info("callbacks - app={} url={} passed the echostr check", requiredApps.get(i), v.url());
            } else {
                failures.add("app=" + requiredApps.get(i) + " url=" + v.url() + ": " + v.detail());
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("callbacks - " + failures.size() + " callback URL(s) failed the echostr "
                + "check and apps[].callbacks.urlCheck is require: " + String.join("; ", failures));
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }

    private static void warnIfFailed(String appKey, CallbackUrlVerifier.Verification v) {
        if (!v.passed()) {
            LOG.warn("callbacks - app={} url={} failed the echostr check ({}); its callbacks are still sent and "
                + "retried", appKey, v.url(), v.detail());
        }
    }
}
