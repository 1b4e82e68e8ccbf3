package org.cmppgw.gateway.persistence.jdbc;

import org.cmppgw.gateway.model.MessagePriority;
import org.cmppgw.gateway.model.MessageStatus;
import org.cmppgw.gateway.model.OutboundMessage;
import org.cmppgw.gateway.model.SmsType;
import org.cmppgw.gateway.model.TemplateType;
import org.cmppgw.gateway.model.WithdrawOutcome;
import org.cmppgw.gateway.persistence.BalanceStore;
import org.cmppgw.gateway.persistence.BatchWriter;
import org.cmppgw.gateway.persistence.BillingRules;
import org.cmppgw.gateway.persistence.QueueEntry;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Balances and billing as the store applies them (docs/api.md "Balances and billing"): parts billed in the accept
 * transaction while the balance lasts, 50014 for the rest, refunds once, operator operations with their log, and one
 * alert per crossing of a threshold.
 */
abstract class BalanceContract extends StoreFixture {
    static final String UNBILLED_APP = "platform";
    static final BillingRules BILLING = new BillingRules(true, Set.of(UNBILLED_APP),
        Map.of(APP, Map.of(SmsType.INDUSTRY, 10L)));

    JdbcBalances balances;

    @BeforeEach
    final void storeWithBilling() {
        store.close();
        store = openStore(dataSource, StoreSettings.defaults(1).withBilling(BILLING), BatchWriter.Listener.NONE);
        balances = new JdbcBalances(dataSource);
    }

    void give(String appKey, SmsType type, long amount) {
        assertThat(balances.apply("ops", BalanceStore.Operation.TOP_UP, "", type, amount, 0, clock.millis()).done())
            .isTrue();
        assertThat(balances.apply("ops", BalanceStore.Operation.ALLOCATE, appKey, type, amount,
            BILLING.threshold(appKey, type), clock.millis()).done()).isTrue();
    }

    long balance(String appKey, SmsType type) {
        return balances.read(appKey).amount(type);
    }

    OutboundMessage parts(String appKey, int parts) {
        return new OutboundMessage(timeOrderedId(), appKey, MOBILE, "【签名】notice " + nextId(), 7, 5, CALLBACK, parts,
            clock.instant());
    }

    int[] admit(TemplateType type, List<OutboundMessage> messages) {
        return Await.result("admit", store.admit(messages, Collections.nCopies(messages.size(), type)));
    }

    @Test
    void aMessageCostsItsPartsFromItsTypesBalance() {
        give(APP, SmsType.INDUSTRY, 20);
        give(APP, SmsType.MARKET, 5);

        assertThat(admit(TemplateType.CODE, List.of(parts(APP, 3)))).containsExactly(0);
        assertThat(admit(TemplateType.NOTIFICATION, List.of(parts(APP, 2)))).containsExactly(0);
        assertThat(admit(TemplateType.MARKETING, List.of(parts(APP, 1)))).containsExactly(0);

        assertThat(balance(APP, SmsType.INDUSTRY)).isEqualTo(15);
        assertThat(balance(APP, SmsType.MARKET)).isEqualTo(4);
        assertThat(count("SELECT COUNT(*) FROM balance_charge")).isEqualTo(3);
        assertThat(count("SELECT SUM(parts) FROM balance_charge")).isEqualTo(6);
    }

    @Test
    void aBatchWithTooLittleBalanceFailsOnlyTheRecipientsItCannotPay() {
        give(APP, SmsType.INDUSTRY, 5);
        List<OutboundMessage> batch = List.of(parts(APP, 2), parts(APP, 2), parts(APP, 2), parts(APP, 1));

        assertThat(admit(TemplateType.NOTIFICATION, batch)).containsExactly(0, 0, 50014, 0);

        assertThat(balance(APP, SmsType.INDUSTRY)).as("never negative").isZero();
        assertThat(count("SELECT COUNT(*) FROM message")).as("the unpaid are not stored").isEqualTo(3);
        assertThat(admit(TemplateType.NOTIFICATION, List.of(parts(APP, 1)))).containsExactly(50014);
    }

    @Test
    void anAppWithoutABalanceRowGets50014AndAnUnbilledAppPaysNothing() {
        assertThat(admit(TemplateType.CODE, List.of(parts(APP, 1)))).containsExactly(50014);
        assertThat(admit(TemplateType.CODE, List.of(parts(UNBILLED_APP, 1)))).containsExactly(0);
        assertThat(count("SELECT COUNT(*) FROM balance_charge")).isZero();
        assertThat(count("SELECT COUNT(*) FROM message")).isEqualTo(1);
    }

    @Test
    void messagesStoredWithoutTheirTypeAreNotBilled() {
        OutboundMessage m = parts(APP, 1);
        Await.result("accept", store.accept(List.of(m)));
        assertThat(count("SELECT COUNT(*) FROM balance_charge")).isZero();
        assertThat(count("SELECT COUNT(*) FROM message")).isEqualTo(1);
    }

    @Test
    void withBillingOffNothingIsChargedOrRefused() {
        store.close();
        store = openStore(dataSource, StoreSettings.defaults(1), BatchWriter.Listener.NONE);

        assertThat(admit(TemplateType.CODE, List.of(parts(APP, 2)))).containsExactly(0);
        assertThat(count("SELECT COUNT(*) FROM balance")).isZero();
        assertThat(count("SELECT COUNT(*) FROM balance_charge")).isZero();
    }

    @Test
    void aRecipientTheRulesRefuseIsNotBilledAndOneBillingRefusesIsNotCountedAsSent() {
        store.close();
        store = openStore(dataSource, StoreSettings.defaults(1).withRules(AdmissionLedgerContract.RULES)
            .withBilling(BILLING), BatchWriter.Listener.NONE);
        give(APP, SmsType.MARKET, 2);
        List<OutboundMessage> batch = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            batch.add(parts(APP, 1));
        }
        // marketing: 3 per mobile in 10 min; the balance pays 2 of them
        assertThat(admit(TemplateType.MARKETING, batch)).containsExactly(0, 0, 50014, 50009);
        assertThat(balance(APP, SmsType.MARKET)).isZero();
        assertThat(count("SELECT COUNT(*) FROM message WHERE rule_kind IS NOT NULL")).as("only what was sent counts")
            .isEqualTo(2);

        give(APP, SmsType.MARKET, 5);
        assertThat(admit(TemplateType.MARKETING, List.of(parts(APP, 1), parts(APP, 1)))).containsExactly(0, 50009);
        assertThat(balance(APP, SmsType.MARKET)).isEqualTo(4);
    }

    @Test
    void aMessageTheGatewayFailsBeforeTheCarrierIsRefundedOnceAcrossRetriesAndARestart() {
        give(APP, SmsType.INDUSTRY, 10);
        OutboundMessage m = parts(APP, 3);
        assertThat(admit(TemplateType.NOTIFICATION, List.of(m))).containsExactly(0);
        assertThat(balance(APP, SmsType.INDUSTRY)).isEqualTo(7);

        assertThat(Await.result("final", store.recordFinal(m.msgId(), MessageStatus.FAILED, "GW:CONTENT",
            clock.instant()))).isTrue();
        assertThat(balance(APP, SmsType.INDUSTRY)).isEqualTo(10);

        Await.result("final again", store.recordFinal(m.msgId(), MessageStatus.FAILED, "GW:CONTENT",
            clock.instant()));
        store.close();
        store = openStore(dataSource, StoreSettings.defaults(1).withBilling(BILLING), BatchWriter.Listener.NONE);
        Await.result("final after restart", store.recordFinal(m.msgId(), MessageStatus.FAILED, "GW:EXPIRED",
            clock.instant()));

        assertThat(balance(APP, SmsType.INDUSTRY)).as("refunded once").isEqualTo(10);
        assertThat(count("SELECT COUNT(*) FROM balance_charge WHERE refunded_at IS NOT NULL")).isEqualTo(1);
    }

    @Test
    void aWithdrawnMessageIsRefundedOnce() {
        give(APP, SmsType.INDUSTRY, 10);
        OutboundMessage m = parts(APP, 3);
        long now = clock.millis();
        // waiting in the store, not kept in this node's memory
        Await.result("admit", store.admit(List.of(new QueueEntry(m, TemplateType.NOTIFICATION,
            MessagePriority.NORMAL, PROVIDER, now, now + 3_600_000, false))));
        assertThat(balance(APP, SmsType.INDUSTRY)).isEqualTo(7);

        assertThat(Await.result("withdraw", store.withdraw(m.msgId(), APP))).isEqualTo(WithdrawOutcome.WITHDRAWN);
        assertThat(Await.result("again", store.withdraw(m.msgId(), APP)))
            .isEqualTo(WithdrawOutcome.ALREADY_WITHDRAWN);

        assertThat(balance(APP, SmsType.INDUSTRY)).as("refunded once").isEqualTo(10);
    }

    @Test
    void refundsOfSeveralAppsAndTypesAtOnceEachGoBackToTheirOwnBalance() {
        give(APP, SmsType.INDUSTRY, 10);
        give(APP, SmsType.MARKET, 10);
        give("app-2", SmsType.INDUSTRY, 10);
        OutboundMessage notice = parts(APP, 2);
        OutboundMessage other = parts("app-2", 3);
        OutboundMessage sale = parts(APP, 1);
        assertThat(admit(TemplateType.NOTIFICATION, List.of(notice, other))).containsExactly(0, 0);
        assertThat(admit(TemplateType.MARKETING, List.of(sale))).containsExactly(0);

        List<CompletableFuture<Boolean>> finals = new ArrayList<>();
        for (OutboundMessage m : List.of(sale, other, notice)) {
            finals.add(store.recordFinal(m.msgId(), MessageStatus.FAILED, "GW:CONTENT", clock.instant()));
        }
        finals.forEach(f -> Await.result("final", f));

        assertThat(balance(APP, SmsType.INDUSTRY)).isEqualTo(10);
        assertThat(balance(APP, SmsType.MARKET)).isEqualTo(10);
        assertThat(balance("app-2", SmsType.INDUSTRY)).isEqualTo(10);
    }

    @Test
    void aMessageThatMayHaveReachedTheCarrierIsNotRefunded() {
        give(APP, SmsType.INDUSTRY, 10);
        OutboundMessage unknown = parts(APP, 1);
        OutboundMessage rejected = parts(APP, 1);
        assertThat(admit(TemplateType.NOTIFICATION, List.of(unknown, rejected))).containsExactly(0, 0);

        Await.result("unknown", store.recordFinal(unknown.msgId(), MessageStatus.FAILED, "GW:UNKNOWN",
            clock.instant()));
        Await.result("rejected", store.recordFinal(rejected.msgId(), MessageStatus.FAILED, "SR:0013",
            clock.instant()));

        assertThat(balance(APP, SmsType.INDUSTRY)).isEqualTo(8);
    }

    @Test
    void operatorsTopUpAllocateAndReturnWithinTheBalancesAndEveryOperationIsLogged() {
        BalanceStore.Change topUp = balances.apply("alice", BalanceStore.Operation.TOP_UP, "", SmsType.MARKET, 100,
            0, clock.millis());
        assertThat(topUp).isEqualTo(new BalanceStore.Change(true, 0, 100));
        assertThat(balances.apply("alice", BalanceStore.Operation.ALLOCATE, APP, SmsType.MARKET, 101, 0,
            clock.millis())).as("more than unallocated").isEqualTo(new BalanceStore.Change(false, 0, 100));
        assertThat(balances.apply("bob", BalanceStore.Operation.ALLOCATE, APP, SmsType.MARKET, 60, 0,
            clock.millis())).isEqualTo(new BalanceStore.Change(true, 60, 40));
        assertThat(balances.apply("bob", BalanceStore.Operation.RETURN, APP, SmsType.MARKET, 61, 0,
            clock.millis())).as("more than the app has").isEqualTo(new BalanceStore.Change(false, 60, 40));
        assertThat(balances.apply("bob", BalanceStore.Operation.RETURN, APP, SmsType.MARKET, 10, 0,
            clock.millis())).isEqualTo(new BalanceStore.Change(true, 50, 50));

        assertThat(balances.read("").amount(SmsType.MARKET)).isEqualTo(50);
        assertThat(balances.read(APP).total()).isEqualTo(50);
        assertThat(balances.readAll()).extracting(BalanceStore.Balances::owner).containsExactly("", APP);
        assertThat(balances.logSize()).as("refused operations are not logged").isEqualTo(3);
        List<BalanceStore.LogEntry> newest = balances.log(0, 2);
        assertThat(newest).extracting(BalanceStore.LogEntry::operation)
            .containsExactly(BalanceStore.Operation.RETURN, BalanceStore.Operation.ALLOCATE);
        assertThat(newest.get(0)).extracting(BalanceStore.LogEntry::operator, BalanceStore.LogEntry::appKey,
            BalanceStore.LogEntry::amount, BalanceStore.LogEntry::appAfter, BalanceStore.LogEntry::accountAfter)
            .containsExactly("bob", APP, 10L, 50L, 50L);
        assertThat(balances.log(2, 2)).extracting(BalanceStore.LogEntry::operator).containsExactly("alice");
    }

    @Test
    void oneAlertPerCrossingOfTheThresholdReArmedByAnAllocationAboveIt() {
        give(APP, SmsType.INDUSTRY, 12);
        for (int i = 0; i < 5; i++) {
            assertThat(admit(TemplateType.NOTIFICATION, List.of(parts(APP, 1)))).containsExactly(0);
        }
        assertThat(balance(APP, SmsType.INDUSTRY)).isEqualTo(7);
        List<BalanceStore.Alert> first = balances.claimAlerts(10, clock.millis());
        assertThat(first).singleElement().satisfies(a -> {
            assertThat(a.appKey()).isEqualTo(APP);
            assertThat(a.type()).isEqualTo(SmsType.INDUSTRY);
            assertThat(a.amount()).isEqualTo(9);
            assertThat(a.threshold()).isEqualTo(10);
        });
        assertThat(balances.claimAlerts(10, clock.millis())).as("claimed once").isEmpty();

        give(APP, SmsType.INDUSTRY, 2);
        assertThat(admit(TemplateType.NOTIFICATION, List.of(parts(APP, 1)))).containsExactly(0);
        assertThat(balances.claimAlerts(10, clock.millis())).as("still below: not re-armed").isEmpty();

        give(APP, SmsType.INDUSTRY, 4);
        assertThat(balance(APP, SmsType.INDUSTRY)).isEqualTo(12);
        assertThat(admit(TemplateType.NOTIFICATION, List.of(parts(APP, 3)))).containsExactly(0);
        assertThat(balances.claimAlerts(10, clock.millis())).singleElement()
            .extracting(BalanceStore.Alert::amount).isEqualTo(9L);
    }

    @Test
    void manyThreadsSpendingOneBalanceWhileOperatorsMoveItNeverOverspend() throws Exception {
        give(APP, SmsType.INDUSTRY, 300);
        int threads = 8;
        int perThread = 60;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<CompletableFuture<int[]>>>> sending = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                sending.add(pool.submit(() -> {
                    start.await();
                    List<CompletableFuture<int[]>> out = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        out.add(store.admit(List.of(parts(APP, 1 + i % 2)),
                            List.of(TemplateType.NOTIFICATION)));
                    }
                    return out;
                }));
            }
            Future<Long> moving = pool.submit(() -> {
                start.await();
                long net = 0;
                for (int i = 0; i < 40; i++) {
                    BalanceStore.Operation op = i % 2 == 0 ? BalanceStore.Operation.RETURN
                        : BalanceStore.Operation.ALLOCATE;
                    if (balances.apply("ops", op, APP, SmsType.INDUSTRY, 5, 10, clock.millis()).done()) {
                        net += op == BalanceStore.Operation.ALLOCATE ? 5 : -5;
                    }
                }
                return net;
            });
            start.countDown();
            long spent = 0;
            int refused = 0;
            for (Future<List<CompletableFuture<int[]>>> thread : sending) {
                for (CompletableFuture<int[]> one : Await.result("thread", thread)) {
                    int verdict = Await.result("admit", one)[0];
                    refused += verdict == 50014 ? 1 : 0;
                }
            }
            long net = Await.result("operator", moving);
            spent = count("SELECT COALESCE(SUM(parts), 0) FROM balance_charge");

            assertThat(refused).as("the balance ran out").isPositive();
            assertThat(balance(APP, SmsType.INDUSTRY)).as("exact and never negative")
                .isEqualTo(300 + net - spent).isGreaterThanOrEqualTo(0);
            assertThat(balances.read("").amount(SmsType.INDUSTRY)).isEqualTo(-net);
            assertThat(count("SELECT COALESCE(SUM(parts), 0) FROM message")).isEqualTo(spent);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void oneAppsLogIsItsOwnOperationsNewestFirstPagedWithItsTotal() {
        String other = "app-2";
        balances.apply("ops", BalanceStore.Operation.TOP_UP, "", SmsType.INDUSTRY, 100, 0, clock.millis());
        balances.apply("ops", BalanceStore.Operation.ALLOCATE, APP, SmsType.INDUSTRY, 10, 0, clock.millis());
        balances.apply("ops", BalanceStore.Operation.ALLOCATE, other, SmsType.INDUSTRY, 20, 0, clock.millis());
        balances.apply("ops", BalanceStore.Operation.RETURN, APP, SmsType.INDUSTRY, 3, 0, clock.millis());
        balances.apply("ops", BalanceStore.Operation.ALLOCATE, APP, SmsType.INDUSTRY, 4, 0, clock.millis());

        assertThat(balances.logSize(APP)).isEqualTo(3);
        assertThat(balances.logSize(other)).isEqualTo(1);
        assertThat(balances.logSize("nobody")).isZero();
        assertThat(balances.logSize()).as("the all-apps log keeps every operation").isEqualTo(5);
        assertThat(balances.log(APP, 0, 2)).extracting(BalanceStore.LogEntry::operation, BalanceStore.LogEntry::amount,
            BalanceStore.LogEntry::appAfter).containsExactly(
                tuple(BalanceStore.Operation.ALLOCATE, 4L, 11L),
                tuple(BalanceStore.Operation.RETURN, 3L, 7L));
        assertThat(balances.log(APP, 2, 2)).extracting(BalanceStore.LogEntry::amount).containsExactly(10L);
        assertThat(balances.log(other, 0, 10)).extracting(BalanceStore.LogEntry::appKey).containsExactly(other);
        assertThat(balances.log("nobody", 0, 10)).isEmpty();
    }

    @Test
    void theConfigurationsAlertSettingsAreWrittenOnlyWhereAnAppHasNoneSoAnEditSurvives() {
        BalanceStore.AlertSetting configured = new BalanceStore.AlertSetting(APP, List.of("13800138000"), 1000, 0, 0,
            "", clock.millis());
        assertThat(balances.seedAlertSettings(List.of(configured))).isEqualTo(1);
        assertThat(balances.alertSettings()).containsExactly(configured);

        BalanceStore.AlertSetting edited = new BalanceStore.AlertSetting(APP, List.of("13900139000", "13700137000"),
            500, 200, 0, "alice", clock.millis() + 1);
        balances.saveAlertSetting(edited);
        BalanceStore.AlertSetting second = new BalanceStore.AlertSetting("app-2", List.of("13600136000"), 0, 300, 0,
            "", clock.millis());
        assertThat(balances.seedAlertSettings(List.of(configured, second))).as("a restart: only app-2 is new")
            .isEqualTo(1);
        assertThat(balances.alertSettings()).containsExactly(edited, second);
    }

    @Test
    void savingAThresholdAtOrBelowTheBalanceReArmsItsAlert() {
        give(APP, SmsType.INDUSTRY, 12);
        assertThat(admit(TemplateType.NOTIFICATION, List.of(parts(APP, 3)))).containsExactly(0);
        assertThat(balances.claimAlerts(10, clock.millis())).as("12 -> 9, below 10").hasSize(1);
        assertThat(count("SELECT alerted FROM balance WHERE app_key = '" + APP + "' AND sms_type = 1")).isEqualTo(1);

        balances.saveAlertSetting(new BalanceStore.AlertSetting(APP, List.of("13800138000"), 100, 0, 0, "alice",
            clock.millis()));
        assertThat(count("SELECT alerted FROM balance WHERE app_key = '" + APP + "' AND sms_type = 1"))
            .as("9 is below the new threshold 100: still alerted").isEqualTo(1);
        balances.saveAlertSetting(new BalanceStore.AlertSetting(APP, List.of("13800138000"), 0, 0, 0, "alice",
            clock.millis()));
        assertThat(count("SELECT alerted FROM balance WHERE app_key = '" + APP + "' AND sms_type = 1"))
            .as("0 = no alert changes nothing").isEqualTo(1);
        balances.saveAlertSetting(new BalanceStore.AlertSetting(APP, List.of("13800138000"), 9, 0, 0, "alice",
            clock.millis()));
        assertThat(count("SELECT alerted FROM balance WHERE app_key = '" + APP + "' AND sms_type = 1"))
            .as("9 is at the new threshold: armed again").isZero();
    }
}
