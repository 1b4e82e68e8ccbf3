package org.cmppgw.gateway.intake.rules;

import org.cmppgw.gateway.config.AdmissionConfig;
import org.cmppgw.gateway.config.SendQuota;
import org.cmppgw.gateway.persistence.SendHistory;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each per-mobile rule at limit-1, limit, limit+1 and at its window's edge (docs/api.md, "Admission rules"). */
class MobileRulesTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final long MINUTE = 60_000L;

    static AdmissionConfig config(Duration repeat) {
        return new AdmissionConfig(new SendQuota(200, Duration.ofHours(24)), new SendQuota(3, Duration.ofMinutes(10)),
            new SendQuota(200, Duration.ofHours(24)), new SendQuota(3, Duration.ofMinutes(10)), repeat,
            List.of("TD"), List.of(), Duration.ofSeconds(5), false);
    }

    private final MobileRules rules = new MobileRules(config(Duration.ofSeconds(60)));
    private final SendHistory history = new SendHistory();

    /** Admits like the store: a message admitted joins the history. */
    private int send(int kind, long hash, long at) {
        int verdict = rules.verdict(history, kind, hash, at, false);
        if (verdict == 0) {
            history.add(kind, hash, at);
        }
        return verdict;
    }

    @Test
    void threeIdenticalNotificationsPerTenMinutesThenTheWindowSlides() {
        assertThat(send(MobileRules.NOTIFICATION, 7, T0)).isZero();
        assertThat(send(MobileRules.NOTIFICATION, 7, T0 + MINUTE)).isZero();
        assertThat(send(MobileRules.NOTIFICATION, 7, T0 + 2 * MINUTE)).as("the 3rd is the limit").isZero();
        assertThat(send(MobileRules.NOTIFICATION, 7, T0 + 3 * MINUTE)).as("the 4th").isEqualTo(50009);
        assertThat(send(MobileRules.NOTIFICATION, 8, T0 + 3 * MINUTE)).as("other text").isZero();
        assertThat(send(MobileRules.NOTIFICATION, 7, T0 + 10 * MINUTE - 1)).as("1 ms before the 1st leaves")
            .isEqualTo(50009);
        assertThat(send(MobileRules.NOTIFICATION, 7, T0 + 10 * MINUTE)).as("the 1st is exactly 10 min old").isZero();
    }

    @Test
    void twoHundredNotificationsPerDayWhateverTheText() {
        for (int i = 0; i < 200; i++) {
            assertThat(send(MobileRules.NOTIFICATION, i, T0 + i)).as("notification %d", i + 1).isZero();
        }
        assertThat(send(MobileRules.NOTIFICATION, 1000, T0 + 200)).isEqualTo(50009);
        assertThat(send(MobileRules.CODE, 1001, T0 + 201)).as("codes count apart").isZero();
        assertThat(send(MobileRules.NOTIFICATION, 1002, T0 + Duration.ofHours(24).toMillis())).isZero();
    }

    @Test
    void twoHundredCodesPerDay() {
        for (int i = 0; i < 199; i++) {
            assertThat(send(MobileRules.CODE, i, T0 + i)).isZero();
        }
        assertThat(send(MobileRules.CODE, 199, T0 + 199)).as("the 200th").isZero();
        assertThat(send(MobileRules.CODE, 200, T0 + 200)).as("the 201st").isEqualTo(50009);
    }

    @Test
    void threeMarketingPerTenMinutesWhateverTheText() {
        assertThat(send(MobileRules.MARKETING, 1, T0)).isZero();
        assertThat(send(MobileRules.MARKETING, 2, T0 + MINUTE)).isZero();
        assertThat(send(MobileRules.MARKETING, 3, T0 + 2 * MINUTE)).isZero();
        assertThat(send(MobileRules.MARKETING, 4, T0 + 3 * MINUTE)).isEqualTo(50009);
        assertThat(send(MobileRules.MARKETING, 5, T0 + 10 * MINUTE)).isZero();
    }

    @Test
    void theSameTextWithinTheRepeatWindowIs50034WhateverItsKind() {
        assertThat(send(MobileRules.CODE, 9, T0)).isZero();
        assertThat(send(MobileRules.CODE, 9, T0 + MINUTE - 1)).isEqualTo(50034);
        assertThat(send(MobileRules.NOTIFICATION, 9, T0 + MINUTE - 1)).isEqualTo(50034);
        assertThat(send(MobileRules.CODE, 9, T0 + MINUTE)).as("exactly the window later").isZero();
    }

    @Test
    void aZeroRepeatWindowOrLimitTurnsTheRuleOff() {
        AdmissionConfig off = new AdmissionConfig(new SendQuota(0, Duration.ofHours(24)),
            new SendQuota(0, Duration.ofMinutes(10)), new SendQuota(0, Duration.ofHours(24)),
            new SendQuota(0, Duration.ofMinutes(10)), Duration.ZERO, List.of(), List.of(), Duration.ofSeconds(5),
            false);
        MobileRules none = new MobileRules(off);
        for (int i = 0; i < 300; i++) {
            assertThat(none.verdict(history, MobileRules.NOTIFICATION, 1, T0, false)).isZero();
            history.add(MobileRules.NOTIFICATION, 1, T0);
        }
        assertThat(none.horizonMillis()).isZero();
        assertThat(rules.horizonMillis()).isEqualTo(Duration.ofHours(24).toMillis());
    }

    @Test
    void marketingToAnUnsubscribedMobileIs50024ButItsCodesAndNotificationsGo() {
        assertThat(rules.verdict(history, MobileRules.MARKETING, 1, T0, true)).isEqualTo(50024);
        assertThat(rules.verdict(history, MobileRules.CODE, 1, T0, true)).isZero();
        assertThat(rules.verdict(history, MobileRules.NOTIFICATION, 1, T0, true)).isZero();
    }

    @Test
    void unsubscribeWordsAreTheWholeTrimmedTextInAnyCase() {
        UnsubscribeWords words = new UnsubscribeWords(List.of("TD", "T", "退订"));

        assertThat(words.unsubscribes(" td ")).isTrue();
        assertThat(words.unsubscribes("t")).isTrue();
        assertThat(words.unsubscribes("退订")).isTrue();
        assertThat(words.unsubscribes("TD please")).isFalse();
        assertThat(words.unsubscribes("")).isFalse();
        assertThat(words.unsubscribes(null)).isFalse();
    }
}
