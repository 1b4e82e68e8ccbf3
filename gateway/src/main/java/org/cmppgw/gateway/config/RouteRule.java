package org.cmppgw.gateway.config;

import org.cmppgw.gateway.model.MessagePriority;

import java.util.List;

/**
 * One entry of {@code routing.rules}: which provider sends a message. Rules are tried in order; the first whose
 * every non-empty condition matches wins (docs/design.md §5). An empty condition matches anything.
 *
 * @param prefixes   number prefixes, e.g. {@code 134} for a carrier's range (the normalised 11-digit mobile), or
 *                   {@code 00} + country code ({@code 00852}) for numbers outside the mainland (docs/api.md
 *                   "Global SMS")
 * @param apps       app keys
 * @param priorities message priorities
 * @param provider   the provider's name
 * @param backup     provider used while {@code provider} is down; empty = none
 * @param submit     SUBMIT fields that replace the provider's (or the backup's) for the messages of this rule; a
 *                   template's beat them (docs/cmpp-protocol.md §7.1)
 */
public record RouteRule(List<String> prefixes, List<String> apps, List<MessagePriority> priorities, String provider,
                        String backup, SubmitOverride submit) {
    public RouteRule {
        prefixes = ConfigChecks.list("prefixes", prefixes);
        for (int i = 0; i < prefixes.size(); i++) {
            String p = prefixes.get(i);
            if (p.isEmpty() || p.length() > 17 || !p.chars().allMatch(c -> c >= '0' && c <= '9')
                || p.length() > 11 && !p.startsWith("00")) {
                throw new IllegalArgumentException("prefixes[" + i + "]: \"" + p
                    + "\" (expected: 1–11 digits of a mobile number, or 00 + country code for Global SMS)");
            }
        }
        apps = ConfigChecks.list("apps", apps);
        priorities = ConfigChecks.list("priorities", priorities);
        ConfigChecks.text("provider", provider);
        backup = ConfigChecks.optionalText(backup);
        if (backup.equals(provider)) {
            throw new IllegalArgumentException(
                "backup: \"" + backup + "\" (expected: a provider other than \"" + provider + "\")");
        }
        submit = submit == null ? SubmitOverride.NONE : submit;
    }

    /** A rule that leaves the SUBMIT fields to the provider. */
    public RouteRule(List<String> prefixes, List<String> apps, List<MessagePriority> priorities, String provider,
                     String backup) {
        this(prefixes, apps, priorities, provider, backup, SubmitOverride.NONE);
    }

    /** Whether messages of this rule may go out on provider {@code name} (its provider or its backup). */
    public boolean sendsOn(String name) {
        return provider.equals(name) || backup.equals(name);
    }
}
