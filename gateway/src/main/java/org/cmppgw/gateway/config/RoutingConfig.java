package org.cmppgw.gateway.config;

import java.util.List;

/**
 * The {@code routing} section (docs/design.md §5): ordered rules, and the provider for messages no rule matches.
 *
 * @param defaultProvider provider when no rule matches; empty in the file = the first provider
 * @param defaultBackup   backup of {@code defaultProvider}; empty = none
 * @param rules           tried in order, first match wins
 */
public record RoutingConfig(String defaultProvider, String defaultBackup, List<RouteRule> rules) {
    public RoutingConfig {
        defaultProvider = ConfigChecks.optionalText(defaultProvider);
        defaultBackup = ConfigChecks.optionalText(defaultBackup);
        rules = ConfigChecks.list("rules", rules);
    }

    RoutingConfig withDefaultProvider(String provider) {
        return new RoutingConfig(provider, defaultBackup, rules);
    }
}
