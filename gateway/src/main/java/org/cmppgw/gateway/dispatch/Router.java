package org.cmppgw.gateway.dispatch;

import org.cmppgw.gateway.model.MessagePriority;
import org.cmppgw.gateway.config.RouteRule;
import org.cmppgw.gateway.config.RoutingConfig;
import org.cmppgw.gateway.provider.Provider;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Picks the provider of a message (DESIGN §5): the first rule whose every non-empty condition matches (number prefix,
 * app, priority), else the default; then its provider if that one is {@linkplain Provider#isAvailable() available},
 * else its backup if that one is, else the provider anyway (its queue waits for a reconnect, nothing is refused).
 * Immutable and allocation-free per call.
 */
public final class Router {
    private final List<Rule> rules;
    private final Provider defaultProvider;
    private final Provider defaultBackup;

    /**
     * @param providers every provider by name; each name the routing names must be here
     */
    public Router(RoutingConfig routing, Map<String, ? extends Provider> providers) {
        Objects.requireNonNull(routing, "routing");
        if (providers.isEmpty()) {
            throw new IllegalArgumentException("providers: none (expected: at least one)");
        }
        List<Rule> compiled = new ArrayList<>();
        for (int i = 0; i < routing.rules().size(); i++) {
            RouteRule rule = routing.rules().get(i);
            String where = "routing.rules[" + i + "]";
            compiled.add(new Rule(rule, find(providers, where + ".provider", rule.provider()),
                rule.backup().isEmpty() ? null : find(providers, where + ".backup", rule.backup())));
        }
        this.rules = List.copyOf(compiled);
        this.defaultProvider = routing.defaultProvider().isEmpty() ? providers.values().iterator().next()
            : find(providers, "routing.defaultProvider", routing.defaultProvider());
        this.defaultBackup = routing.defaultBackup().isEmpty() ? null
            : find(providers, "routing.defaultBackup", routing.defaultBackup());
    }

    /** The provider to queue a message on now. */
    public Provider route(String appKey, String mobile, MessagePriority priority) {
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            if (rule.matches(appKey, mobile, priority)) {
                return choose(rule.provider, rule.backup);
            }
        }
        return choose(defaultProvider, defaultBackup);
    }

    private static Provider choose(Provider provider, Provider backup) {
        if (provider.isAvailable() || backup == null || !backup.isAvailable()) {
            return provider;
        }
        return backup;
    }

    private static Provider find(Map<String, ? extends Provider> providers, String path, String name) {
        Provider provider = providers.get(name);
        if (provider == null) {
            throw new IllegalArgumentException(path + ": \"" + name + "\" (expected: one of " + providers.keySet()
                + ")");
        }
        return provider;
    }

    private record Rule(RouteRule config, Provider provider, Provider backup) {
        boolean matches(String appKey, String mobile, MessagePriority priority) {
            return (config.apps().isEmpty() || config.apps().contains(appKey))
                && (config.priorities().isEmpty() || config.priorities().contains(priority))
                && (config.prefixes().isEmpty() || matchesPrefix(mobile));
        }

        private boolean matchesPrefix(String mobile) {
            List<String> prefixes = config.prefixes();
            for (int i = 0; i < prefixes.size(); i++) {
                if (mobile.startsWith(prefixes.get(i))) {
                    return true;
                }
            }
            return false;
        }
    }
}
