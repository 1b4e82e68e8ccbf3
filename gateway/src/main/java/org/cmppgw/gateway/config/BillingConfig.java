package org.cmppgw.gateway.config;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code billing} section (docs/api.md "Balances and billing"): whether accepted messages are paid from the apps'
 * balances, the account credentials of {@code GET /v1/accounts/dev}, and the balance alerts.
 *
 * @param enabled         bill every accepted message per part at acceptance (50014 when its balance cannot pay)
 * @param unbilledApps    apps never billed even when {@code enabled} (e.g. the app that sends the alerts)
 * @param devKey          the account's dev key for {@code GET /v1/accounts/dev} ({@code Basic devKey:devSecret});
 *                        "" = that endpoint answers 401 to everyone
 * @param devSecret       the account's dev secret (masked in {@code toString})
 * @param alertApp        the app that sends balance alert SMS through the gateway itself; "" = no alert is sent
 * @param alertTemplateId that app's template for the alert, with the variables {@code {{app}}}, {@code {{type}}},
 *                        {@code {{balance}}} and {@code {{threshold}}}
 * @param alertInterval   how often each node looks for alerts to send
 * @param alerts          the apps whose balances are watched, their thresholds and contacts
 */
public record BillingConfig(boolean enabled, List<String> unbilledApps, String devKey, Secret devSecret,
                            String alertApp, int alertTemplateId, Duration alertInterval,
                            List<BalanceAlertConfig> alerts) {
    public BillingConfig {
        unbilledApps = ConfigChecks.list("unbilledApps", unbilledApps);
        devKey = ConfigChecks.optionalText(devKey);
        devSecret = devSecret == null ? Secret.of("") : devSecret;
        if (devKey.isEmpty() != devSecret.isEmpty()) {
            throw new IllegalArgumentException("devSecret: " + (devSecret.isEmpty() ? "\"\"" : Secret.MASK)
                + " (expected: devKey and devSecret both set or both \"\")");
        }
        if (!devKey.isEmpty() && devSecret.value().length() < OperatorConfig.MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("devSecret: " + devSecret.value().length() + " characters (expected: at"
                + " least " + OperatorConfig.MIN_PASSWORD_LENGTH + "; JSMS's SDK sends 24 letters or digits)");
        }
        if (devKey.indexOf(':') >= 0) {
            throw new IllegalArgumentException("devKey: \"" + devKey + "\" (expected: no ':')");
        }
        alertApp = ConfigChecks.optionalText(alertApp);
        ConfigChecks.atLeast("alertTemplateId", alertTemplateId, 0);
        if (!alertApp.isEmpty() && alertTemplateId == 0) {
            throw new IllegalArgumentException("alertTemplateId: 0 (expected: the template alertApp \"" + alertApp
                + "\" sends alerts with)");
        }
        ConfigChecks.positive("alertInterval", alertInterval);
        alerts = ConfigChecks.list("alerts", alerts);
        Set<String> watched = new HashSet<>();
        for (int i = 0; i < alerts.size(); i++) {
            if (!watched.add(alerts.get(i).appKey())) {
                throw new IllegalArgumentException("alerts[" + i + "].appKey: \"" + alerts.get(i).appKey()
                    + "\" (expected: one entry per app)");
            }
        }
        if (!alerts.isEmpty() && alertApp.isEmpty()) {
            throw new IllegalArgumentException("alertApp: \"\" (expected: the app that sends the alerts of "
                + alerts.size() + " watched apps)");
        }
    }

    /** No billing, no alerts. */
    public static BillingConfig off() {
        return new BillingConfig(false, List.of(), "", Secret.of(""), "", 0, Duration.ofSeconds(10), List.of());
    }

    /** Whether the account's balance query is open (dev credentials configured). */
    public boolean hasDevCredentials() {
        return !devKey.isEmpty();
    }

    /**
     * The references to apps and templates, against the rest of the file.
     *
     * @throws IllegalArgumentException naming the key when one names no configured app or template
     */
    void verify(Set<String> appKeys, Set<Integer> templateIds) {
        for (int i = 0; i < unbilledApps.size(); i++) {
            app("billing.unbilledApps[" + i + "]", unbilledApps.get(i), appKeys);
        }
        for (int i = 0; i < alerts.size(); i++) {
            app("billing.alerts[" + i + "].appKey", alerts.get(i).appKey(), appKeys);
        }
        if (!alertApp.isEmpty()) {
            app("billing.alertApp", alertApp, appKeys);
            if (!templateIds.contains(alertTemplateId)) {
                throw new IllegalArgumentException("billing.alertTemplateId: " + alertTemplateId
                    + " (expected: one of the templates' ids " + templateIds + ")");
            }
        }
    }

    private static void app(String path, String appKey, Set<String> appKeys) {
        if (!appKeys.contains(appKey)) {
            throw new IllegalArgumentException(path + ": \"" + appKey + "\" (expected: one of the apps' keys)");
        }
    }
}
