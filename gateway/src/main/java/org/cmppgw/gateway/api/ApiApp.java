package org.cmppgw.gateway.api;

import org.cmppgw.gateway.config.AppConfig;
import org.cmppgw.gateway.intake.AppRules;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;

/**
 * An app as the HTTP edge knows it: the secret that authenticates it and the addresses it may call from, plus the
 * {@link AppRules} that admission applies to its requests.
 */
final class ApiApp {
    private final AppConfig config;
    private final byte[] secret;
    private final IpAllowList allowList;
    private final AppRules rules;

    ApiApp(AppConfig config, LongSupplier nanoClock) {
        this.config = config;
        this.secret = config.masterSecret().value().getBytes(StandardCharsets.UTF_8);
        this.allowList = IpAllowList.of(config.allowedIps());
        this.rules = new AppRules(config, nanoClock);
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

    AppRules rules() {
        return rules;
    }
}
