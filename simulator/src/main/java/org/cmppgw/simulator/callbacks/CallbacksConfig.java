package org.cmppgw.simulator.callbacks;

import org.cmppgw.simulator.config.ConfigSections;
import org.cmppgw.simulator.load.LoadConfig;

import java.util.Map;

import static org.cmppgw.cmpp.ArgumentChecks.nonEmpty;

/**
 * Where the callback watcher listens and whose signature it checks. The defaults come from the {@code load:}
 * section of {@code config/simulator.yaml} ({@code callbackHost}, {@code callbackPort}, {@code callbackPath},
 * {@code appKey}, {@code masterSecret}), the same receiver address the load generator uses and the gateway demo
 * app's default callback URL, {@code http://127.0.0.1:8090/callback}.
 *
 * @param host         bind address
 * @param port         listen port; 0 = any free port
 * @param path         the callback path; other paths get 404
 * @param appKey       the app's key, part of the signature
 * @param masterSecret the app's master secret, the signature key
 */
public record CallbacksConfig(String host, int port, String path, String appKey, String masterSecret) {
    private static final int MAX_PORT = 65535;

    public CallbacksConfig {
        nonEmpty("host", host);
        if (port < 0 || port > MAX_PORT) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0.." + MAX_PORT + ")");
        }
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("path: " + path + " (expected: a path starting with /)");
        }
        nonEmpty("appKey", appKey);
        nonEmpty("masterSecret", masterSecret);
    }

    /** The receiver settings of a {@code load:} section. */
    public static CallbacksConfig of(LoadConfig load) {
        return new CallbacksConfig(load.callbackHost(), load.callbackPort(), load.callbackPath(), load.appKey(),
            load.masterSecret());
    }

    /** A copy with {@code changes} applied (keys are component names). */
    public CallbacksConfig with(Map<String, ?> changes) {
        return ConfigSections.merge(this, changes);
    }

    @Override
    public String toString() {
        return "CallbacksConfig[host=" + host + ", port=" + port + ", path=" + path + ", appKey=" + appKey
            + ", masterSecret=****]";
    }
}
