package org.cmppgw.gateway.persistence.jdbc;

import org.cmppgw.gateway.model.MessagePriority;
import org.cmppgw.gateway.model.MessageStatus;
import org.cmppgw.gateway.model.OutboundMessage;
import org.cmppgw.gateway.model.WithdrawOutcome;
import org.cmppgw.gateway.persistence.BatchWriter;
import org.cmppgw.gateway.persistence.MessageQueue.Claimed;
import org.cmppgw.gateway.persistence.QueueEntry;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Withdraw (docs/api.md "Withdraw"), on whichever database the subclass gives: a message waiting in the store is
 * withdrawn once, in one transaction, with its final status and callback; a message a node has claimed, or that was
 * submitted, is not; two withdraws of one message answer withdrawn once; a withdraw racing claims never both
 * withdraws and hands out one message.
 */
abstract class WithdrawContract extends StoreFixture {
    private static final String OUTBOX = "SELECT COUNT(*) FROM callback_outbox";
    private static final String PENDING = "SELECT COUNT(*) FROM pending_message";

    OutboundMessage waiting() {
        OutboundMessage m = message(1);
        long now = clock.millis();
        Await.result("admit", store.admit(List.of(new QueueEntry(m, null, MessagePriority.NORMAL, PROVIDER, now,
            now + 3_600_000, false))));
        return m;
    }

    private WithdrawOutcome withdraw(JdbcMessageStore on, OutboundMessage m) {
        return Await.result("withdraw", on.withdraw(m.msgId(), m.appKey()));
    }

    @Test
    void aWaitingMessageIsWithdrawnOnceFinalWithItsCallbackAndLeavesTheQueue() {
        OutboundMessage m = waiting();
        JdbcMessageQueue queue = track(new JdbcMessageQueue(dataSource, 1));

        assertThat(withdraw(store, m)).isEqualTo(WithdrawOutcome.WITHDRAWN);

        assertThat(status(m.msgId())).isEqualTo(MessageStatus.FAILED);
        assertThat(find(m.msgId()).finalReport().stat()).isEqualTo(WithdrawPhase.STAT);
        assertThat(count(OUTBOX)).isEqualTo(1);
        assertThat(count(PENDING)).isZero();
        assertThat(Await.result("claim", queue.claim(10, clock.millis(), Set.of(), 3))).isEmpty();
        assertThat(withdraw(store, m)).isEqualTo(WithdrawOutcome.ALREADY_WITHDRAWN);
        assertThat(count(OUTBOX)).as("one callback").isEqualTo(1);
        assertThat(BalanceRefunds.refundable(WithdrawPhase.STAT)).as("refunded as a failure before the carrier")
            .isTrue();
    }

    @Test
    void aClaimedMessageIsAnsweredSendingAndStaysQueued() {
        OutboundMessage m = waiting();
        JdbcMessageQueue queue = track(new JdbcMessageQueue(dataSource, 1));
        assertThat(Await.result("claim", queue.claim(10, clock.millis(), Set.of(), 3))).hasSize(1);

        assertThat(withdraw(store, m)).isEqualTo(WithdrawOutcome.SENDING);

        assertThat(status(m.msgId())).isEqualTo(MessageStatus.ACCEPTED);
        assertThat(count(PENDING)).isEqualTo(1);
        assertThat(count(OUTBOX)).isZero();
    }

    @Test
    void aClaimedMessageIsWithdrawnOnlyByItsHolderAndNeverAsAPossibleResend() {
        OutboundMessage mine = waiting();
        OutboundMessage others = waiting();
        OutboundMessage resend = waiting();
        JdbcMessageQueue queue = track(new JdbcMessageQueue(dataSource, 1));
        JdbcMessageQueue otherNode = track(new JdbcMessageQueue(dataSource, 2));
        JdbcMessageQueue crashed = track(new JdbcMessageQueue(dataSource, 3));
        assertThat(Await.result("claim", queue.claim(1, clock.millis(), Set.of(), 3))).hasSize(1);
        assertThat(Await.result("claim 2", otherNode.claim(1, clock.millis(), Set.of(), 3))).hasSize(1);
        assertThat(Await.result("claim 3", crashed.claim(1, clock.millis(), Set.of(), 3))).hasSize(1);
        // node 3 stops without its outcomes: its message comes back as a possible resend, which node 1 claims
        Await.result("requeue", crashed.requeue(3));
        assertThat(Await.result("claim resend", queue.claim(1, clock.millis(), Set.of(), 3)))
            .allMatch(Claimed::resend).hasSize(1);

        assertThat(Await.result("others by 1", store.withdrawHeld(others.msgId(), APP, 1)))
            .isEqualTo(WithdrawOutcome.SENDING);
        assertThat(Await.result("resend", store.withdrawHeld(resend.msgId(), APP, 1)))
            .isEqualTo(WithdrawOutcome.SENDING);
        assertThat(Await.result("mine", store.withdrawHeld(mine.msgId(), APP, 1)))
            .isEqualTo(WithdrawOutcome.WITHDRAWN);
        assertThat(Await.result("others by 2", store.withdrawHeld(others.msgId(), APP, 2)))
            .isEqualTo(WithdrawOutcome.WITHDRAWN);

        assertThat(find(mine.msgId()).finalReport().stat()).isEqualTo(WithdrawPhase.STAT);
        assertThat(find(others.msgId()).finalReport().stat()).isEqualTo(WithdrawPhase.STAT);
        assertThat(status(resend.msgId())).isEqualTo(MessageStatus.ACCEPTED);
        assertThat(count(PENDING)).isEqualTo(1);
        assertThat(count(OUTBOX)).isEqualTo(2);
    }

    @Test
    void aMessageHeldSinceItsAcceptIsWithdrawnOnlyByItsHolder() {
        OutboundMessage m = message(1);
        long now = clock.millis();
        Await.result("admit", store.admit(List.of(new QueueEntry(m, null, MessagePriority.NORMAL, PROVIDER, now,
            now + 3_600_000, true))));

        assertThat(withdraw(store, m)).as("in node 1's memory").isEqualTo(WithdrawOutcome.SENDING);
        assertThat(Await.result("by node 2", store.withdrawHeld(m.msgId(), APP, 2))).isEqualTo(WithdrawOutcome.SENDING);
        assertThat(status(m.msgId())).isEqualTo(MessageStatus.ACCEPTED);

        assertThat(Await.result("by node 1", store.withdrawHeld(m.msgId(), APP, 1)))
            .isEqualTo(WithdrawOutcome.WITHDRAWN);
        assertThat(find(m.msgId()).finalReport().stat()).isEqualTo(WithdrawPhase.STAT);
        assertThat(count("SELECT COUNT(*) FROM held_message")).isZero();
        assertThat(count(OUTBOX)).isEqualTo(1);
        assertThat(withdraw(store, m)).isEqualTo(WithdrawOutcome.ALREADY_WITHDRAWN);
    }

    @Test
    void aSubmittedOrFinalMessageIsAnsweredAlreadySent() {
        OutboundMessage submitted = submittedMessage(1, 77);
        assertThat(withdraw(store, submitted)).isEqualTo(WithdrawOutcome.ALREADY_SENT);

        Await.result("report", store.recordReport(report(77, "DELIVRD")));
        assertThat(withdraw(store, submitted)).isEqualTo(WithdrawOutcome.ALREADY_SENT);
        assertThat(status(submitted.msgId())).isEqualTo(MessageStatus.DELIVERED);
    }

    @Test
    void anUnknownIdAnotherAppsMessageAndAnOldOneAreNotWithdrawn() {
        OutboundMessage m = waiting();

        assertThat(Await.result("unknown", store.withdraw(m.msgId() + 1_000, APP)))
            .isEqualTo(WithdrawOutcome.UNKNOWN);
        assertThat(Await.result("other app", store.withdraw(m.msgId(), "app-2"))).isEqualTo(WithdrawOutcome.UNKNOWN);
        clock.advance(Duration.ofHours(24).plusSeconds(1));
        assertThat(withdraw(store, m)).isEqualTo(WithdrawOutcome.TOO_OLD);
        assertThat(count(PENDING)).isEqualTo(1);
    }

    @Test
    void twoWithdrawsOfOneMessageOnTwoNodesAnswerWithdrawnOnce() {
        JdbcMessageStore other = openStore(dataSource, StoreSettings.defaults(2), BatchWriter.Listener.NONE);
        List<OutboundMessage> messages = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            messages.add(waiting());
        }
        List<CompletableFuture<WithdrawOutcome>> first = new ArrayList<>();
        List<CompletableFuture<WithdrawOutcome>> second = new ArrayList<>();
        for (OutboundMessage m : messages) {
            first.add(store.withdraw(m.msgId(), APP));
            second.add(other.withdraw(m.msgId(), APP));
            // the same node twice too: both withdraws in one batch, or in two
            second.add(store.withdraw(m.msgId(), APP));
        }
        for (int i = 0; i < messages.size(); i++) {
            List<WithdrawOutcome> answers = List.of(Await.result("a", first.get(i)),
                Await.result("b", second.get(2 * i)), Await.result("c", second.get(2 * i + 1)));
            assertThat(answers).as("message %s", i).containsOnlyOnce(WithdrawOutcome.WITHDRAWN)
                .filteredOn(a -> a != WithdrawOutcome.WITHDRAWN).containsOnly(WithdrawOutcome.ALREADY_WITHDRAWN);
        }
        assertThat(count(OUTBOX)).isEqualTo(messages.size());
        assertThat(count(PENDING)).isZero();
    }

    @Test
    void aWithdrawRacingClaimsNeverLetsAWithdrawnMessageBeClaimed() {
        JdbcMessageQueue queue = track(new JdbcMessageQueue(dataSource, 2));
        List<OutboundMessage> messages = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            messages.add(waiting());
        }
        List<CompletableFuture<WithdrawOutcome>> withdraws = new ArrayList<>();
        Set<Long> claimed = new HashSet<>();
        for (int i = 0; i < messages.size(); i++) {
            withdraws.add(store.withdraw(messages.get(i).msgId(), APP));
            if (i % 20 == 0) {
                for (Claimed c : Await.result("claim", queue.claim(15, clock.millis(), Set.of(), 3))) {
                    claimed.add(c.message().msgId());
                }
            }
        }
        for (Claimed c : Await.result("claim", queue.claim(500, clock.millis(), Set.of(), 3))) {
            claimed.add(c.message().msgId());
        }

        int withdrawn = 0;
        for (int i = 0; i < messages.size(); i++) {
            WithdrawOutcome outcome = Await.result("withdraw", withdraws.get(i));
            boolean wasClaimed = claimed.contains(messages.get(i).msgId());
            assertThat(outcome).as("message %s (claimed: %s)", i, wasClaimed)
                .isEqualTo(wasClaimed ? WithdrawOutcome.SENDING : WithdrawOutcome.WITHDRAWN);
            withdrawn += outcome == WithdrawOutcome.WITHDRAWN ? 1 : 0;
        }
        assertThat(claimed).isNotEmpty();
        assertThat(withdrawn + claimed.size()).isEqualTo(messages.size());
        assertThat(count(OUTBOX)).isEqualTo(withdrawn);
    }
}
