package org.cmppgw.gateway.intake;

import org.cmppgw.gateway.config.RouteRule;
import org.cmppgw.gateway.config.RoutingConfig;
import org.cmppgw.gateway.model.MobileNumbers;

import java.util.ArrayList;
import java.util.List;

/**
 * Admits numbers outside the mainland (docs/api.md "Global SMS"): only for apps with {@code globalSms: true}, and
 * only when a routing rule has a prefix {@code 00} + country code that matches the number, so an international number
 * never falls through to a mainland provider. For any other app a non-mainland number is 50006 as before.
 */
public final class GlobalSms {
    /** No international routes: every international number is refused. */
    public static final GlobalSms NONE = new GlobalSms(List.of());

    private final List<String> prefixes;

    private GlobalSms(List<String> prefixes) {
        this.prefixes = List.copyOf(prefixes);
    }

    /** The international prefixes of the routing rules ({@code 00…}). */
    public static GlobalSms of(RoutingConfig routing) {
        List<String> prefixes = new ArrayList<>();
        for (RouteRule rule : routing.rules()) {
            for (String prefix : rule.prefixes()) {
                if (prefix.startsWith(MobileNumbers.INTERNATIONAL_PREFIX)) {
                    prefixes.add(prefix);
                }
            }
        }
        return new GlobalSms(prefixes);
    }

    /** The stored form of an international number the app may send to, or 50006. */
    Outcome<String> admit(AppRules app, String raw) {
        if (!app.globalSms()) {
            return Outcome.fail(ApiError.INVALID_MOBILE);
        }
        String number = MobileNumbers.international(raw);
        if (number == null) {
            return Outcome.fail(ApiError.INVALID_MOBILE);
        }
        for (int i = 0; i < prefixes.size(); i++) {
            if (number.startsWith(prefixes.get(i))) {
                return Outcome.ok(number);
            }
        }
        return Outcome.fail(ApiError.INVALID_MOBILE, "no route serves this country code");
    }
}
