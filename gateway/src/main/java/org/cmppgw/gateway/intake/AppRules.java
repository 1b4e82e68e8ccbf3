package org.cmppgw.gateway.intake;

import org.cmppgw.gateway.config.AppConfig;
import org.cmppgw.gateway.config.CallbackUrl;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * What admission needs to know about an authenticated app (docs/api.md): its request rate, its default signature and
 * the callback URLs it registered. Who the app is (credentials, allowed IPs) is the HTTP edge's business and is not
 * here. One instance per app, shared by every event loop.
 */
public final class AppRules {
    private final AppConfig config;
    private final AppRequestRate rate;
    private final Set<String> callbackUrls;

    /**
     * @param nanoClock drives the app's request rate
     */
    public AppRules(AppConfig config, LongSupplier nanoClock) {
        this.config = Objects.requireNonNull(config, "config");
        this.rate = config.rateLimit() == 0 ? null : new AppRequestRate(config.rateLimit(), nanoClock);
        Set<String> urls = new HashSet<>();
        for (CallbackUrl url : config.callbackUrls()) {
            urls.add(url.url());
        }
        this.callbackUrls = Set.copyOf(urls);
    }

    public String appKey() {
        return config.appKey();
    }

    /** Whether SMS is activated for the app (JSMS 50008 when not). */
    boolean smsActivated() {
        return config.sms();
    }

    /** Whether the app may send to numbers outside the mainland (docs/api.md "Global SMS"). */
    boolean globalSms() {
        return config.globalSms();
    }

    /** The signature of messages that name none; 0 when the app has no default. */
    int defaultSignId() {
        return config.defaultSignId();
    }

    /**
     * Takes one request's share of the app's rate; false when it is over its limit (429/50019: an operator
     * protection, not JSMS 50009, which is per mobile).
     */
    public boolean tryAcquire() {
        return rate == null || rate.tryAcquire();
    }

    /** The callback URL a message goes with: the requested one if registered, the default if none; else null. */
    public String callbackUrl(String requested) {
        if (requested == null || requested.isEmpty()) {
            return config.defaultCallbackUrl();
        }
        return callbackUrls.contains(requested) ? requested : null;
    }
}
