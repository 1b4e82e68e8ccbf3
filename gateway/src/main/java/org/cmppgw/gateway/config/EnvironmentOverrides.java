package org.cmppgw.gateway.config;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.TreeMap;

/**
 * Applies {@code CMPPGW_*} environment variables as overrides: drop the prefix, split the rest at {@code _} into
 * path words, match words to keys ignoring case ({@link ConfigSchema}). {@code CMPPGW_DATABASE_PASSWORD} sets
 * {@code database.password}; {@code CMPPGW_SERVER_MANAGEMENT_PORT} (or {@code CMPPGW_SERVER_MANAGEMENTPORT}) sets
 * {@code server.managementPort}; {@code CMPPGW_PROVIDERS_0_PASSWORD} sets {@code providers[0].password}. A
 * {@code CMPPGW_} variable that names no key is an error: a typo must not be ignored.
 */
final class EnvironmentOverrides {
    /** Every variable starting with this is an override. */
    static final String PREFIX = "CMPPGW_";

    private EnvironmentOverrides() {
    }

    static void apply(ObjectNode root, Map<String, String> environment) {
        // Sorted, so list elements are appended in index order and the outcome never depends on hash order.
        for (Map.Entry<String, String> e : new TreeMap<>(environment).entrySet()) {
            if (!e.getKey().startsWith(PREFIX)) {
                continue;
            }
            String rest = e.getKey().substring(PREFIX.length());
            ConfigPath path = ConfigSchema.resolve(GatewayConfig.class, ConfigSchema.words(rest));
            if (path == null) {
                throw new ConfigException("environment " + e.getKey() + ": names no configuration key (expected: "
                    + PREFIX + "<SECTION>_<KEY>, e.g. " + PREFIX + "DATABASE_PASSWORD or "
                    + PREFIX + "PROVIDERS_0_PASSWORD)");
            }
            ConfigTree.set(root, path, ConfigTree.value(e.getValue()));
        }
    }
}
