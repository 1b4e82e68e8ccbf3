package org.cmppgw.gateway.persistence;

import org.cmppgw.gateway.model.SmsType;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The balance alert thresholds the accept transaction compares each spend with (docs/api.md "Balance alerts").
 * Operators change them at runtime, so the billing service replaces the whole table when it saves or reloads the stored
 * settings; the accept lane only reads it: one volatile read and two map look-ups per app and type of a group commit,
 * no statement and no lock.
 */
public final class AlertThresholds {
    private volatile Map<String, Map<SmsType, Long>> byApp;

    private AlertThresholds(Map<String, Map<SmsType, Long>> byApp) {
        this.byApp = copy(byApp);
    }

    /** Thresholds per app and type; a type absent or 0 has no alert. */
    public static AlertThresholds of(Map<String, Map<SmsType, Long>> byApp) {
        return new AlertThresholds(byApp);
    }

    /** The threshold of {@code appKey}'s {@code type} balance; 0 = no alert. */
    public long threshold(String appKey, SmsType type) {
        Map<SmsType, Long> own = byApp.get(appKey);
        Long value = own == null ? null : own.get(type);
        return value == null ? 0 : value;
    }

    /** Replaces every app's thresholds at once (a reader sees the old table or the new one, never a mix). */
    public void replace(Map<String, Map<SmsType, Long>> thresholds) {
        this.byApp = copy(thresholds);
    }

    private static Map<String, Map<SmsType, Long>> copy(Map<String, Map<SmsType, Long>> byApp) {
        Map<String, Map<SmsType, Long>> out = new HashMap<>();
        Objects.requireNonNull(byApp, "byApp").forEach((app, own) -> {
            Map<SmsType, Long> types = new EnumMap<>(SmsType.class);
            own.forEach((type, threshold) -> {
                if (threshold > 0) {
                    types.put(type, threshold);
                }
            });
            out.put(app, types);
        });
        return Map.copyOf(out);
    }

    @Override
    public String toString() {
        return "AlertThresholds" + byApp;
    }
}
