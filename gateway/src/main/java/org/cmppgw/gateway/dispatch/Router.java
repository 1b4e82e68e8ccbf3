package org.cmppgw.gateway.dispatch;

import org.cmppgw.gateway.config.RouteRule;
import org.cmppgw.gateway.config.RoutingConfig;
import org.cmppgw.gateway.model.Channel;
import org.cmppgw.gateway.model.MessagePriority;
import org.cmppgw.gateway.provider.OutboundSms;
import org.cmppgw.gateway.provider.Provider;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Picks the provider of a message (docs/design.md §5). First the message's {@link Channel}: only the providers serving
 * it are candidates, so a rule naming a provider of another channel never matches. Then the first rule whose every
 * non-empty condition matches (number prefix, app, priority), else the channel's default: the configured default
 * provider if it serves the channel, else the channel's first provider. Then that provider if it is
 * {@linkplain Provider#isAvailable() available}, else its backup if that one is, else the provider anyway (its queue
 * waits for a reconnect, nothing is refused). Immutable and allocation-free per call.
 */
public final class Router {
    private final Map<Channel, Table> tables;

    /**
     * @param providers every provider by name, in configuration order; each name the routing names must be here, and
     *                  a backup must serve the channel of the provider it stands in for
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
            Provider provider = find(providers, where + ".provider", rule.provider());
            compiled.add(new Rule(i, rule, provider, backup(providers, where + ".backup", rule.backup(), provider)));
        }
        Provider configuredDefault = routing.defaultProvider().isEmpty() ? providers.values().iterator().next()
            : find(providers, "routing.defaultProvider", routing.defaultProvider());
        Provider configuredBackup = backup(providers, "routing.defaultBackup", routing.defaultBackup(),
            configuredDefault);
        Map<Channel, Table> byChannel = new EnumMap<>(Channel.class);
        for (Provider provider : providers.values()) {
            Channel channel = provider.channel();
            if (byChannel.containsKey(channel)) {
                continue;
            }
            boolean configured = configuredDefault.channel() == channel;
            byChannel.put(channel, new Table(
                compiled.stream().filter(r -> r.provider.channel() == channel).toList(),
                configured ? configuredDefault : provider, configured ? configuredBackup : null));
        }
        this.tables = byChannel;
    }

    /** Whether some provider sends on {@code channel}. */
    public boolean serves(Channel channel) {
        return tables.containsKey(channel);
    }

    /**
     * The provider to queue a message of {@code channel} on now.
     *
     * @param recipient the handset (or address) the rules' prefixes are matched against
     * @throws IllegalArgumentException when no provider serves {@code channel} (see {@link #serves})
     */
    public Provider route(Channel channel, String appKey, String recipient, MessagePriority priority) {
        Table table = table(channel);
        Rule rule = match(table, appKey, recipient, priority);
        return rule == null ? choose(table.defaultProvider, table.defaultBackup) : choose(rule.provider, rule.backup);
    }

    /**
     * Where a message is routed, from one match of the rules (the accept's hot path asks all three at once).
     *
     * @param rule    as {@link #rule}
     * @param primary the provider the route names first, whether or not it is up: the name its queue row carries
     *                (backlog per provider, {@link #stalled()})
     * @param now     the provider {@link #route} would queue it on now
     */
    public record Placement(int rule, Provider primary, Provider now) {
    }

    /**
     * The rule a message matches, the provider it names first and the provider to queue it on now.
     *
     * @throws IllegalArgumentException when no provider serves {@code channel} (see {@link #serves})
     */
    public Placement place(Channel channel, String appKey, String recipient, MessagePriority priority) {
        Table table = table(channel);
        Rule rule = match(table, appKey, recipient, priority);
        return rule == null
            ? new Placement(OutboundSms.NO_ROUTE, table.defaultProvider, choose(table.defaultProvider,
                table.defaultBackup))
            : new Placement(rule.index, rule.provider, choose(rule.provider, rule.backup));
    }

    /**
     * The providers whose messages cannot go anywhere now: down, and no backup that stands in for them anywhere in
     * the routing is up. Their messages wait in the store instead of filling memory.
     */
    public Set<String> stalled() {
        Set<String> stalled = null;
        for (Table table : tables.values()) {
            stalled = addIfStalled(stalled, table, table.defaultProvider, table.defaultBackup);
            for (Rule rule : table.rules) {
                stalled = addIfStalled(stalled, table, rule.provider, rule.backup);
            }
        }
        return stalled == null ? Set.of() : stalled;
    }

    private static Set<String> addIfStalled(Set<String> stalled, Table table, Provider provider, Provider backup) {
        if (provider.isAvailable() || backup != null && backup.isAvailable()
            || stalled != null && stalled.contains(provider.name())) {
            return stalled;
        }
        for (Rule rule : table.rules) {
            if (rule.provider == provider && rule.backup != null && rule.backup.isAvailable()) {
                return stalled;
            }
        }
        if (table.defaultProvider == provider && table.defaultBackup != null && table.defaultBackup.isAvailable()) {
            return stalled;
        }
        Set<String> grown = stalled == null ? new HashSet<>() : stalled;
        grown.add(provider.name());
        return grown;
    }

    /**
     * The index in {@code routing.rules} of the rule a message of {@code channel} matches, or
     * {@link OutboundSms#NO_ROUTE} when it goes to the default provider. Whether the rule's provider or its backup
     * sends it is decided by {@link #route} at queueing time; the rule is the same either way.
     *
     * @throws IllegalArgumentException when no provider serves {@code channel} (see {@link #serves})
     */
    public int rule(Channel channel, String appKey, String recipient, MessagePriority priority) {
        Rule rule = match(table(channel), appKey, recipient, priority);
        return rule == null ? OutboundSms.NO_ROUTE : rule.index;
    }

    private Table table(Channel channel) {
        Table table = tables.get(channel);
        if (table == null) {
            throw new IllegalArgumentException("channel: " + channel + " (expected: one of " + tables.keySet()
                + ", the channels of the configured providers)");
        }
        return table;
    }

    private static Rule match(Table table, String appKey, String recipient, MessagePriority priority) {
        List<Rule> rules = table.rules;
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            if (rule.matches(appKey, recipient, priority)) {
                return rule;
            }
        }
        return null;
    }

    private static Provider choose(Provider provider, Provider backup) {
        if (provider.isAvailable() || backup == null || !backup.isAvailable()) {
            return provider;
        }
        return backup;
    }

    private static Provider backup(Map<String, ? extends Provider> providers, String path, String name,
                                   Provider primary) {
        if (name.isEmpty()) {
            return null;
        }
        Provider backup = find(providers, path, name);
        if (backup.channel() != primary.channel()) {
            throw new IllegalArgumentException(path + ": \"" + name + "\" (expected: a provider of channel "
                + primary.channel() + " like \"" + primary.name() + "\", not " + backup.channel() + ")");
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

    /** The routing of one channel. */
    private record Table(List<Rule> rules, Provider defaultProvider, Provider defaultBackup) {
    }

    /** Rule {@code index} of {@code routing.rules}. */
    private record Rule(int index, RouteRule config, Provider provider, Provider backup) {
        boolean matches(String appKey, String recipient, MessagePriority priority) {
            return (config.apps().isEmpty() || config.apps().contains(appKey))
                && (config.priorities().isEmpty() || config.priorities().contains(priority))
                && (config.prefixes().isEmpty() || matchesPrefix(recipient));
        }

        private boolean matchesPrefix(String recipient) {
            List<String> prefixes = config.prefixes();
            for (int i = 0; i < prefixes.size(); i++) {
                if (recipient.startsWith(prefixes.get(i))) {
                    return true;
                }
            }
            return false;
        }
    }
}
