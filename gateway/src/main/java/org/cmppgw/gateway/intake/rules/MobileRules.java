package org.cmppgw.gateway.intake.rules;

import org.cmppgw.gateway.config.AdmissionConfig;
import org.cmppgw.gateway.config.SendQuota;
import org.cmppgw.gateway.persistence.RecipientRules;
import org.cmppgw.gateway.persistence.SendHistory;

/**
 * The per-app-and-mobile rules (docs/api.md, "Admission rules"), in the order they are checked: a marketing message
 * to a mobile that unsubscribed is 50024; the same text within {@code repeatWindow} is 50034; then the JSMS
 * frequency limits, 50009: verification codes, notifications with the same text, all notifications, marketing. A
 * window is sliding and exact: a message counts while it is younger than the window, so the one sent exactly a
 * window ago no longer does.
 */
public final class MobileRules implements RecipientRules {
    static final int OUT_OF_FREQ = 50009;
    static final int UNSUBSCRIBED = 50024;
    static final int REPEAT_SEND = 50034;

    private final long repeatMillis;
    private final int codeLimit;
    private final long codeMillis;
    private final int sameLimit;
    private final long sameMillis;
    private final int notificationLimit;
    private final long notificationMillis;
    private final int marketingLimit;
    private final long marketingMillis;
    private final long horizonMillis;

    public MobileRules(AdmissionConfig config) {
        this.repeatMillis = config.repeatWindow().toMillis();
        this.codeLimit = config.codes().limit();
        this.codeMillis = millis(config.codes());
        this.sameLimit = config.sameNotification().limit();
        this.sameMillis = millis(config.sameNotification());
        this.notificationLimit = config.notifications().limit();
        this.notificationMillis = millis(config.notifications());
        this.marketingLimit = config.marketing().limit();
        this.marketingMillis = millis(config.marketing());
        this.horizonMillis = config.horizon().toMillis();
    }

    private static long millis(SendQuota quota) {
        return quota.window().toMillis();
    }

    @Override
    public long horizonMillis() {
        return horizonMillis;
    }

    @Override
    public int verdict(SendHistory history, int kind, long hash, long atMillis, boolean unsubscribed) {
        if (kind == MARKETING && unsubscribed) {
            return UNSUBSCRIBED;
        }
        if (repeatMillis > 0 && history.countSame(-1, hash, atMillis - repeatMillis) > 0) {
            return REPEAT_SEND;
        }
        boolean over = switch (kind) {
            case CODE -> over(codeLimit, history.count(CODE, atMillis - codeMillis));
            case NOTIFICATION -> over(sameLimit, history.countSame(NOTIFICATION, hash, atMillis - sameMillis))
                || over(notificationLimit, history.count(NOTIFICATION, atMillis - notificationMillis));
            case MARKETING -> over(marketingLimit, history.count(MARKETING, atMillis - marketingMillis));
            default -> throw new IllegalArgumentException("kind: " + kind + " (expected: 1, 2 or 3)");
        };
        return over ? OUT_OF_FREQ : 0;
    }

    private static boolean over(int limit, int sent) {
        return limit > 0 && sent >= limit;
    }
}
