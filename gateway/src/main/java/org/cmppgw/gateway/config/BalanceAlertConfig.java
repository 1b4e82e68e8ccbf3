package org.cmppgw.gateway.config;

import java.util.List;

/**
 * One entry of {@code billing.alerts}: when one of an app's balances falls below its threshold, one alert SMS goes to
 * each contact mobile (docs/api.md "Balance alerts"). Thresholds as JSMS's console takes them: 0 for no alert, else
 * {@value #MIN_THRESHOLD}..{@value #MAX_THRESHOLD} parts. Email contacts wait for the email channel (issue 11).
 *
 * @param appKey   the app whose balances are watched
 * @param mobiles  1..{@value #MAX_CONTACTS} mainland mobiles (11 digits) that get the alert
 * @param industry the threshold of the industry balance (codes and notifications)
 * @param market   the threshold of the marketing balance
 * @param voice    the threshold of the voice balance (never spent here: no voice channel)
 */
public record BalanceAlertConfig(String appKey, List<String> mobiles, long industry, long market, long voice) {
    public static final long MIN_THRESHOLD = 100;
    public static final long MAX_THRESHOLD = 999_999_999;
    /** JSMS's console: 1 to 10 contacts per sending method. */
    public static final int MAX_CONTACTS = 10;

    public BalanceAlertConfig {
        ConfigChecks.text("appKey", appKey);
        mobiles = ConfigChecks.list("mobiles", mobiles);
        checkMobiles(mobiles);
        checkThreshold("industry", industry);
        checkThreshold("market", market);
        checkThreshold("voice", voice);
    }

    /**
     * The contact mobiles' rules, for the operators' edits too (docs/api.md "Balance alerts").
     *
     * @throws IllegalArgumentException naming {@code mobiles} or the index of the first bad number
     */
    public static void checkMobiles(List<String> mobiles) {
        if (mobiles.isEmpty() || mobiles.size() > MAX_CONTACTS) {
            throw new IllegalArgumentException("mobiles: " + mobiles.size() + " numbers (expected: 1.." + MAX_CONTACTS
                + ")");
        }
        for (int i = 0; i < mobiles.size(); i++) {
            String mobile = mobiles.get(i);
            if (mobile == null || mobile.length() != 11 || mobile.charAt(0) != '1'
                || !mobile.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("mobiles[" + i + "]: \"" + mobile
                    + "\" (expected: a mainland mobile, 11 digits starting with 1)");
            }
        }
    }

    /**
     * A threshold's bounds, for the operators' edits too.
     *
     * @throws IllegalArgumentException starting with {@code name}
     */
    public static void checkThreshold(String name, long value) {
        if (value != 0 && (value < MIN_THRESHOLD || value > MAX_THRESHOLD)) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: 0 for no alert, or " + MIN_THRESHOLD
                + ".." + MAX_THRESHOLD + ")");
        }
    }
}
