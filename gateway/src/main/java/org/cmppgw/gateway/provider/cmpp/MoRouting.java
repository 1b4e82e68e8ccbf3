package org.cmppgw.gateway.provider.cmpp;

import org.cmppgw.gateway.config.AppConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which app an MO message belongs to (docs/cmpp-protocol.md §10.3): the longest match of its Dest_Id against the
 * provider's access number plus each app's extension; without a match (or without extensions) the first configured app.
 */
final class MoRouting {
    private final List<Map.Entry<String, AppConfig>> prefixes = new ArrayList<>();
    private final AppConfig fallback;

    MoRouting(String accessNumber, List<AppConfig> apps, Map<String, String> appExtensions) {
        for (AppConfig app : apps) {
            String extension = appExtensions.get(app.appKey());
            if (extension != null) {
                prefixes.add(Map.entry(accessNumber + extension, app));
            }
        }
        this.fallback = apps.isEmpty() ? null : apps.get(0);
    }

    /** The app of an MO sent to {@code destId}, or {@code null} when no app is configured. */
    AppConfig appFor(String destId) {
        AppConfig best = fallback;
        int bestLength = -1;
        for (Map.Entry<String, AppConfig> prefix : prefixes) {
            String p = prefix.getKey();
            if (p.length() > bestLength && destId.startsWith(p)) {
                best = prefix.getValue();
                bestLength = p.length();
            }
        }
        return best;
    }
}
