package org.cmppgw.gateway.api;

import org.cmppgw.gateway.config.AppConfig;
import org.cmppgw.gateway.config.CallbackUrl;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.function.LongSupplier;

/** An app as the API serves it: its config with the allow list, rate limiter and callback URLs ready to check. */
final class ApiApp {
    private final AppConfig config;
    private final byte[] secret;
    private final IpAllowList allowList;
    private final RateLimiter limiter;
    private final Set<String> callbackUrls;

    ApiApp(AppConfig config, LongSupplier nanoClock) {
        this.config = config;
        this.secret = config.masterSecret().value().getBytes(StandardCharsets.UTF_8);
        this.allowList = IpAllowList.of(config.allowedIps());
        this.limiter = config.rateLimit() == 0 ? null : new RateLimiter(config.rateLimit(), nanoClock);
        Set<String> urls = new HashSet<>();
        for (CallbackUrl url : config.callbackUrls()) {
            urls.add(url.url());
        }
        this.callbackUrls = Set.copyOf(urls);
    }

    AppConfig config() {
        return config;
    }

    String appKey() {
        return config.appKey();
    }

    /** The master secret's bytes, for a constant-time comparison; never copied out of the API. */
    byte[] secret() {
        return secret;
    }

    boolean allows(InetAddress peer) {
        return allowList.allows(peer);
    }

    boolean tryAcquire() {
        return limiter == null || limiter.tryAcquire();
    }

    /** The callback URL a message goes with: the requested one if registered, the default if none; else null. */
    String callbackUrl(String requested) {
        if (requested == null || requested.isEmpty()) {
            return config.defaultCallbackUrl();
        }
        return callbackUrls.contains(requested) ? requested : null;
    }
}
