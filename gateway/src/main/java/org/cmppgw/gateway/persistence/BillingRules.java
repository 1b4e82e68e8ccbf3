package org.cmppgw.gateway.persistence;

import org.cmppgw.gateway.model.SmsType;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How the store bills accepted messages inside their accept transaction (docs/api.md "Balances and billing"): whether
 * at all, which apps never pay, and the alert thresholds whose crossing queues a balance alert.
 *
 * @param enabled    whether accepted messages are billed at all; false = no billing statement in the accept
 *                   transaction
 * @param unbilled   apps whose messages are never billed (the platform's own alert app, for one)
 * @param thresholds per app, per SMS type, the balance below which an alert is queued (absent: no alert); the
 *                   billing service replaces them when an operator changes an app's alerts
 */
public record BillingRules(boolean enabled, Set<String> unbilled, AlertThresholds thresholds) {
    /** Nothing billed. */
    public static final BillingRules OFF = new BillingRules(false, Set.of(), Map.of());

    public BillingRules {
        unbilled = Set.copyOf(Objects.requireNonNull(unbilled, "unbilled"));
        Objects.requireNonNull(thresholds, "thresholds");
    }

    /** Rules whose thresholds start as {@code thresholds}. */
    public BillingRules(boolean enabled, Set<String> unbilled, Map<String, Map<SmsType, Long>> thresholds) {
        this(enabled, unbilled, AlertThresholds.of(thresholds));
    }

    /** Whether {@code appKey}'s messages are billed. */
    public boolean bills(String appKey) {
        return enabled && !unbilled.contains(appKey);
    }

    /** The alert threshold of {@code appKey}'s {@code type} balance; 0 = no alert. */
    public long threshold(String appKey, SmsType type) {
        return thresholds.threshold(appKey, type);
    }
}
