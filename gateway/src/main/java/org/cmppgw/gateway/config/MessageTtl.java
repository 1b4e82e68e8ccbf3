package org.cmppgw.gateway.config;

import org.cmppgw.gateway.model.TemplateType;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * {@code limits.messageTtl}: how long a message may wait to be submitted after it was due. A message still waiting in
 * the store then is not sent any more: it ends FAILED with stat {@code GW:EXPIRED} and its callback (docs/api.md,
 * "Statuses"). Per template type, with per-app overrides.
 *
 * @param code         verification codes (a late code is useless)
 * @param notification notifications
 * @param marketing    marketing messages
 * @param apps         per app key, overrides by type name ({@code code}, {@code notification}, {@code marketing})
 */
public record MessageTtl(Duration code, Duration notification, Duration marketing,
                         Map<String, Map<String, Duration>> apps) {
    public MessageTtl {
        ConfigChecks.positive("code", code);
        ConfigChecks.positive("notification", notification);
        ConfigChecks.positive("marketing", marketing);
        apps = apps == null ? Map.of() : Map.copyOf(apps);
        for (Map.Entry<String, Map<String, Duration>> app : apps.entrySet()) {
            Map<String, Duration> overrides = ConfigChecks.present("apps." + app.getKey(), app.getValue(),
                "a map of type to duration");
            for (Map.Entry<String, Duration> override : overrides.entrySet()) {
                String path = "apps." + app.getKey() + "." + override.getKey();
                typeOf(path, override.getKey());
                ConfigChecks.positive(path, override.getValue());
            }
        }
    }

    /** The time to live of a message of {@code type} from {@code appKey}. */
    public Duration of(String appKey, TemplateType type) {
        Map<String, Duration> overrides = apps.get(appKey);
        if (overrides != null) {
            Duration own = overrides.get(type.name().toLowerCase(Locale.ROOT));
            if (own != null) {
                return own;
            }
        }
        return switch (type) {
            case CODE -> code;
            case NOTIFICATION -> notification;
            case MARKETING -> marketing;
        };
    }

    private static TemplateType typeOf(String path, String name) {
        for (TemplateType type : TemplateType.values()) {
            if (type.name().toLowerCase(Locale.ROOT).equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException(path + ": unknown type (expected: code, notification or marketing)");
    }
}
