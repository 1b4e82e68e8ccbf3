package org.cmppgw.gateway.persistence.jdbc;

import org.cmppgw.gateway.config.AdmissionConfig;
import org.cmppgw.gateway.config.SendQuota;
import org.cmppgw.gateway.intake.rules.AppStanding;
import org.cmppgw.gateway.intake.rules.MobileRules;
import org.cmppgw.gateway.intake.rules.UnsubscribeWords;
import org.cmppgw.gateway.model.MoMessage;
import org.cmppgw.gateway.model.OutboundMessage;
import org.cmppgw.gateway.model.TemplateType;
import org.cmppgw.gateway.persistence.BatchWriter;
import org.cmppgw.gateway.persistence.StoreRules;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-mobile admission rules as the store applies them in the accept transaction (docs/api.md, "Admission
 * rules"): counted across one group, across transactions and across a restart; refused messages are not stored; an
 * MO of "TD" unsubscribes its mobile from the app's marketing.
 */
abstract class AdmissionLedgerContract extends StoreFixture {
    static final AdmissionConfig ADMISSION = new AdmissionConfig(new SendQuota(200, Duration.ofHours(24)),
        new SendQuota(3, Duration.ofMinutes(10)), new SendQuota(200, Duration.ofHours(24)),
        new SendQuota(3, Duration.ofMinutes(10)), Duration.ofSeconds(60), List.of("TD", "T", "退订"), List.of(),
        Duration.ofSeconds(5), false);
    static final StoreRules RULES = new StoreRules(new MobileRules(ADMISSION),
        new UnsubscribeWords(ADMISSION.unsubscribeWords())::unsubscribes);
    static final String OTHER_MOBILE = "13900139000";

    @BeforeEach
    final void storeWithRules() {
        store.close();
        store = openStore(dataSource, StoreSettings.defaults(1).withRules(RULES), BatchWriter.Listener.NONE);
    }

    void restartWithRules() {
        store.close();
        dataSource.close();
        dataSource = openDataSource();
        store = openStore(dataSource, StoreSettings.defaults(1).withRules(RULES), BatchWriter.Listener.NONE);
    }

    OutboundMessage to(String mobile, String content) {
        return new OutboundMessage(timeOrderedId(), APP, mobile, content, 7, 5, CALLBACK, 1, clock.instant());
    }

    int[] admit(TemplateType type, List<OutboundMessage> messages) {
        return Await.result("admit", store.admit(messages, Collections.nCopies(messages.size(), type)));
    }

    int admitOne(TemplateType type, OutboundMessage message) {
        return admit(type, List.of(message))[0];
    }

    @Test
    void aBatchOfMarketingToOneMobileIsCountedRecipientByRecipient() {
        List<OutboundMessage> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(to(MOBILE, "【签名】sale " + i));
        }
        batch.add(to(OTHER_MOBILE, "【签名】sale 0"));

        assertThat(admit(TemplateType.MARKETING, batch)).containsExactly(0, 0, 0, 50009, 50009, 0);
        assertThat(count("SELECT COUNT(*) FROM message")).as("the refused are not stored").isEqualTo(4);
        assertThat(count("SELECT COUNT(*) FROM message WHERE rule_kind = 3")).as("counted as marketing")
            .isEqualTo(4);
    }

    @Test
    void eachTypeCountsOnlyItsOwnKindAndEveryMessageOfTheMobileInTheWindowIsRead() {
        for (int i = 0; i < 3; i++) {
            assertThat(admitOne(TemplateType.MARKETING, to(MOBILE, "【签名】sale " + i))).isZero();
            clock.advance(Duration.ofSeconds(1));
        }
        for (int i = 0; i < 50; i++) {
            assertThat(admitOne(TemplateType.CODE, to(MOBILE, "【签名】code " + i))).isZero();
        }

        assertThat(admitOne(TemplateType.MARKETING, to(MOBILE, "【签名】sale 4"))).as("the 3 marketing of 53")
            .isEqualTo(50009);
        assertThat(admitOne(TemplateType.NOTIFICATION, to(MOBILE, "【签名】notice"))).isZero();
        assertThat(count("SELECT COUNT(*) FROM message WHERE rule_kind = 1")).isEqualTo(50);
        assertThat(count("SELECT COUNT(*) FROM message WHERE rule_kind = 2")).isEqualTo(1);
        clock.advance(Duration.ofMinutes(10).minusSeconds(2));
        assertThat(admitOne(TemplateType.MARKETING, to(MOBILE, "【签名】sale 5"))).as("the 1st left the window")
            .isZero();
    }

    @Test
    void identicalNotificationsAreCountedAcrossTransactionsAndARestartUntilTheWindowSlides() {
        assertThat(admitOne(TemplateType.NOTIFICATION, to(MOBILE, "【签名】same"))).isZero();
        clock.advance(Duration.ofMinutes(2));
        assertThat(admitOne(TemplateType.NOTIFICATION, to(MOBILE, "【签名】same"))).isZero();

        restartWithRules();
        clock.advance(Duration.ofMinutes(2));
        assertThat(admitOne(TemplateType.NOTIFICATION, to(MOBILE, "【签名】same"))).as("3rd: the limit").isZero();
        clock.advance(Duration.ofMinutes(2));
        assertThat(admitOne(TemplateType.NOTIFICATION, to(MOBILE, "【签名】same"))).as("4th").isEqualTo(50009);
        assertThat(admitOne(TemplateType.NOTIFICATION, to(MOBILE, "【签名】other"))).isZero();

        clock.advance(Duration.ofMinutes(4).minusMillis(1));
        assertThat(admitOne(TemplateType.NOTIFICATION, to(MOBILE, "【签名】same"))).as("1 ms before the 1st leaves")
            .isEqualTo(50009);
        clock.advance(Duration.ofMillis(1));
        assertThat(admitOne(TemplateType.NOTIFICATION, to(MOBILE, "【签名】same"))).as("1st exactly 10 min old")
            .isZero();
    }

    @Test
    void theSameTextAgainWithinTheRepeatWindowIs50034() {
        assertThat(admitOne(TemplateType.CODE, to(MOBILE, "【签名】code 1234"))).isZero();
        clock.advance(Duration.ofSeconds(59));
        assertThat(admitOne(TemplateType.CODE, to(MOBILE, "【签名】code 1234"))).isEqualTo(50034);
        assertThat(admitOne(TemplateType.CODE, to(MOBILE, "【签名】code 5678"))).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(admitOne(TemplateType.CODE, to(MOBILE, "【签名】code 1234"))).isZero();
    }

    @Test
    void anMoOfTdUnsubscribesTheMobileFromTheAppsMarketingOnlyAndSurvivesARestart() {
        MoMessage mo = new MoMessage(nextId(), PROVIDER, 41_001, APP, CALLBACK, "86" + MOBILE, "1069", " td ",
            clock.instant());
        assertThat(Await.result("storeMo", store.storeMo(mo))).isTrue();

        restartWithRules();

        assertThat(admitOne(TemplateType.MARKETING, to(MOBILE, "【签名】sale"))).isEqualTo(50024);
        assertThat(admitOne(TemplateType.NOTIFICATION, to(MOBILE, "【签名】notice"))).isZero();
        assertThat(admitOne(TemplateType.MARKETING, to(OTHER_MOBILE, "【签名】sale"))).isZero();
        OutboundMessage otherApp = new OutboundMessage(nextId(), "app-2", MOBILE, "【签名】sale", 7, 5, CALLBACK, 1,
            clock.instant());
        assertThat(admitOne(TemplateType.MARKETING, otherApp)).as("another app's marketing").isZero();
    }

    @Test
    void anMoThatMerelyContainsTdDoesNotUnsubscribe() {
        MoMessage mo = new MoMessage(nextId(), PROVIDER, 41_002, APP, CALLBACK, MOBILE, "1069", "TD? what is this",
            clock.instant());
        assertThat(Await.result("storeMo", store.storeMo(mo))).isTrue();

        assertThat(admitOne(TemplateType.MARKETING, to(MOBILE, "【签名】sale"))).isZero();
    }

    @Test
    void messagesAcceptedWithoutTypesSkipTheRules() {
        for (int i = 0; i < 5; i++) {
            Await.result("accept", store.accept(List.of(to(MOBILE, "【签名】same"))));
        }

        assertThat(count("SELECT COUNT(*) FROM message")).isEqualTo(5);
        assertThat(count("SELECT COUNT(*) FROM message WHERE rule_kind IS NOT NULL")).as("not counted").isZero();
        assertThat(admitOne(TemplateType.NOTIFICATION, to(MOBILE, "【签名】same"))).as("nothing counted before")
            .isZero();
    }

    @Test
    void theLockStripesAreAFixedTableThatAdmittingLeavesAsItIs() {
        List<OutboundMessage> batch = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            batch.add(to(String.valueOf(13_700_000_000L + i), "【签名】code " + i));
        }

        assertThat(admit(TemplateType.CODE, batch)).containsOnly(0);

        assertThat(count("SELECT COUNT(*) FROM send_lock_stripe WHERE stripe >= 0 AND stripe < "
            + SendLedger.STRIPES)).as("the fixed stripes of V27").isEqualTo(SendLedger.STRIPES);
        assertThat(count("SELECT COUNT(*) FROM send_lock_stripe WHERE stripe = " + SendLedger.WHOLE))
            .as("V31's row for the whole ledger").isOne();
        assertThat(count("SELECT COUNT(*) FROM send_lock_stripe")).isEqualTo(SendLedger.STRIPES + 1);
        assertThat(count("SELECT COUNT(*) FROM message WHERE rule_kind = 1")).isEqualTo(300);
    }

    @Test
    void blacklistAndFreezeAreStoredSurviveARestartAndReachAnotherNodeOnItsRefresh() {
        try (AppStanding node1 = AppStanding.start(new JdbcStanding(dataSource), clock, Duration.ofHours(1), false);
             AppStanding node2 = AppStanding.start(new JdbcStanding(openDataSource()), clock, Duration.ofHours(1),
                 false)) {
            Await.result("blacklist", node1.setBlacklisted(APP, true));
            Await.result("freeze", node1.setFrozen(true));

            assertThat(node1.blacklisted(APP)).as("at once on the node that changed it").isTrue();
            assertThat(node1.blacklisted("app-2")).isFalse();
            assertThat(node2.frozen()).as("the other node before its refresh").isFalse();
            Await.result("refresh", node2.refreshNow());
            assertThat(node2.frozen()).isTrue();
            assertThat(node2.blacklisted(APP)).isTrue();
        }
        restartWithRules();
        try (AppStanding restarted = AppStanding.start(new JdbcStanding(dataSource), clock, Duration.ofHours(1),
                 false)) {
            assertThat(restarted.frozen()).isTrue();
            assertThat(restarted.blacklisted(APP)).isTrue();
            Await.result("thaw", restarted.setFrozen(false));
            Await.result("clear", restarted.setBlacklisted(APP, false));
            assertThat(restarted.frozen()).isFalse();
            assertThat(restarted.blacklisted(APP)).isFalse();
        }
        try (AppStanding frozenAtStart = AppStanding.start(new JdbcStanding(dataSource), clock, Duration.ofHours(1),
                 true)) {
            assertThat(frozenAtStart.frozen()).as("admission.startFrozen").isTrue();
        }
    }
}
