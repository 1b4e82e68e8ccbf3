package org.cmppgw.gateway.dispatch;

import org.cmppgw.cmpp.sms.Segmenter;
import org.cmppgw.cmpp.sms.SegmenterOptions;
import org.cmppgw.cmpp.sms.SubmitPart;
import org.cmppgw.gateway.config.BacklogLimits;
import org.cmppgw.gateway.config.RoutingConfig;
import org.cmppgw.gateway.intake.DurableIntake;
import org.cmppgw.gateway.intake.IntakeRefusedException;
import org.cmppgw.gateway.model.MessagePriority;
import org.cmppgw.gateway.model.MoMessage;
import org.cmppgw.gateway.model.OutboundMessage;
import org.cmppgw.gateway.model.Priorities;
import org.cmppgw.gateway.persistence.QueueEntry;
import org.cmppgw.gateway.provider.cmpp.CmppProviderPool;
import org.cmppgw.gateway.provider.cmpp.TestIsmg;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cmppgw.gateway.dispatch.SendPathFixture.TIMEOUT;
import static org.cmppgw.gateway.dispatch.SendPathFixture.message;
import static org.cmppgw.gateway.dispatch.SendPathFixture.provider;

/** Back-pressure at the intake, and MO messages from the carrier to the store. */
class IntakeAndMoTest extends SendPathTestBase {
    /** A carrier on one logged-in connection, and a dispatcher that holds 10 messages in memory. */
    private record Carrier(TestIsmg ismg, Dispatcher dispatcher) {
    }

    private Carrier carrierWithMemoryOf10() throws Exception {
        TestIsmg ismg = fixture.track(TestIsmg.start("cmcc", 4));
        CmppProviderPool pool = fixture.pool(provider("cmcc", ismg.port(), 1, 16, 1000));
        Dispatcher dispatcher = fixture.dispatcher(List.of(pool), new RoutingConfig("", "", List.of()), 10);
        Await.until("pool logged in", TIMEOUT, pool::isAvailable);
        return new Carrier(ismg, dispatcher);
    }

    @Test
    void whatDoesNotFitInMemoryWaitsInTheStoreAndIsSentWhenRoomFrees() throws Exception {
        Carrier carrier = carrierWithMemoryOf10();
        TestIsmg ismg = carrier.ismg();
        Dispatcher dispatcher = carrier.dispatcher();

        long[] ids = SendPathFixture.send(fixture.intake(dispatcher), 200, "【签名】hello");

        assertThat(ids).hasSize(200).doesNotContain(0L);
        assertThat(fixture.awaitAllFinal(ids)).hasSize(200);
        assertThat(ismg.submits()).isEqualTo(200);
        Await.until("capacity back", TIMEOUT, () -> dispatcher.capacity().inUse() == 0);
    }

    @Test
    void aMessageAnotherNodeLeftWaitingIsClaimedWhileThisNodeKnowsOfNoneAndOwnQueueingIsKnown() throws Exception {
        Carrier carrier = carrierWithMemoryOf10();
        TestIsmg ismg = carrier.ismg();
        Dispatcher dispatcher = carrier.dispatcher();
        Await.until("nothing known to wait in the store", TIMEOUT, () -> !fixture.backlog.mayWaitInStore());

        // Stored as waiting, not through this node's intake: as another node's overflow would be.
        long now = System.currentTimeMillis();
        OutboundMessage other = new OutboundMessage(fixture.ids.next(), SendPathFixture.APP, "13800138999",
            "【签名】from another node", 1, Priorities.stored(MessagePriority.NORMAL), SendPathFixture.CALLBACK, 1,
            Instant.ofEpochMilli(now));
        Await.result("admit", fixture.store.admit(List.of(new QueueEntry(other, null, MessagePriority.NORMAL,
            "cmcc", now, now + 3_600_000, false))));

        assertThat(fixture.awaitFinal(other.msgId()).status().isFinal()).isTrue();
        assertThat(ismg.submits()).isEqualTo(1);

        // Twenty messages for a memory of ten: this node knows that ten wait in the store.
        long[] ids = SendPathFixture.send(fixture.intake(dispatcher), 20, "【签名】hello");
        assertThat(fixture.awaitAllFinal(ids)).hasSize(20);
        assertThat(ismg.submits()).isEqualTo(21);
    }

    @Test
    void aSendOverTheBacklogQuotaIsRefusedWholeAndCountsNothing() throws Exception {
        TestIsmg ismg = fixture.track(TestIsmg.start("cmcc", 4).answer(false));
        CmppProviderPool pool = fixture.pool(provider("cmcc", ismg.port(), 1, 16, 1000));
        Dispatcher dispatcher = fixture.dispatcher(List.of(pool), new RoutingConfig("", "", List.of()), 10);
        QueueBacklog quota = new QueueBacklog(new BacklogLimits(5, 3, Duration.ofHours(1)), fixture.metrics);
        DurableIntake intake = new DurableIntake(fixture.store, dispatcher, fixture.ids, quota, SendPathFixture.TTL,
            10);

        long[] first = Await.result("accept", intake.accept(List.of(message("13800138000", "a"),
            message("13800138001", "b"))));
        CompletableFuture<long[]> overApp = intake.accept(List.of(message("13800138002", "c"),
            message("13800138003", "d")));
        long[] other = Await.result("accept", intake.accept(List.of(message("other", "13800138004", "e"),
            message("other", "13800138005", "f"), message("other", "13800138006", "g"))));
        CompletableFuture<long[]> overTotal = intake.accept(List.of(message("13800138007", "h")));

        assertThat(first).hasSize(2);
        assertThat(other).hasSize(3);
        assertThatThrownBy(overApp::join).hasCauseInstanceOf(IntakeRefusedException.class)
            .hasMessageContaining("limits.backlog.perApp 3");
        assertThatThrownBy(overTotal::join).hasCauseInstanceOf(IntakeRefusedException.class)
            .hasMessageContaining("limits.backlog.total 5");
        assertThat(quota.total()).isEqualTo(5);
    }

    @Test
    void capacityIsFreedOnceOutcomesAreStored() throws Exception {
        TestIsmg ismg = fixture.track(TestIsmg.start("cmcc", 4));
        CmppProviderPool pool = fixture.pool(provider("cmcc", ismg.port(), 1, 16, 1000));
        Dispatcher dispatcher = fixture.dispatcher(List.of(pool), new RoutingConfig("", "", List.of()), 5);
        DurableIntake intake = fixture.intake(dispatcher);
        Await.until("pool logged in", TIMEOUT, pool::isAvailable);

        List<Long> ids = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            long[] accepted = SendPathFixture.send(intake, 5, "【签名】hello");
            for (long id : accepted) {
                ids.add(id);
            }
            int sent = 5 * (round + 1);
            Await.until("capacity back", TIMEOUT, () -> dispatcher.capacity().inUse() == 0
                && ismg.submits() == sent);
        }

        assertThat(ids).hasSize(20).doesNotHaveDuplicates();
        assertThat(ismg.submits()).isEqualTo(20);
    }

    @Test
    void singleMoIsStoredForItsAppAndAnswered() throws Exception {
        TestIsmg ismg = fixture.track(TestIsmg.start("cmcc", 4));
        connect(ismg);
        SubmitPart part = new Segmenter(SegmenterOptions.defaults()).split("TD 退订").get(0);

        ismg.sendMo("8613900139000", SendPathFixture.ACCESS_NUMBER + "12", part);

        List<MoMessage> replies = awaitReplies(1);
        MoMessage mo = replies.get(0);
        assertThat(mo.content()).isEqualTo("TD 退订");
        assertThat(mo.mobile()).isEqualTo("13900139000");
        assertThat(mo.destId()).isEqualTo(SendPathFixture.ACCESS_NUMBER + "12");
        assertThat(mo.appKey()).isEqualTo(SendPathFixture.APP);
        assertThat(mo.callbackUrl()).isEqualTo(SendPathFixture.CALLBACK);
        Await.until("DELIVER answered", TIMEOUT, () -> ismg.deliverResults().size() == 1);
        assertThat(ismg.deliverResults()).containsExactly(0L);
        assertThat(fixture.metrics.count("cmcc.mo")).isEqualTo(1);
    }

    @Test
    void longMoIsReassembledFromItsPartsAndStoredOnce() throws Exception {
        TestIsmg ismg = fixture.track(TestIsmg.start("cmcc", 4));
        connect(ismg);
        String text = "您好，我想咨询一下关于账户余额的问题，请尽快回复我，谢谢。".repeat(3);
        List<SubmitPart> parts = new Segmenter(SegmenterOptions.defaults()).split(text);
        assertThat(parts).hasSize(2);

        ismg.sendMo("13900139000", SendPathFixture.ACCESS_NUMBER, parts.get(1));
        ismg.sendMo("13900139000", SendPathFixture.ACCESS_NUMBER, parts.get(0));

        List<MoMessage> replies = awaitReplies(1);
        assertThat(replies.get(0).content()).isEqualTo(text);
        Await.until("both DELIVERs answered", TIMEOUT, () -> ismg.deliverResults().size() == 2);
        assertThat(ismg.deliverResults()).containsOnly(0L);
        assertThat(Await.result("pullReplies", fixture.store.pullReplies(SendPathFixture.APP, 10)))
            .as("stored once").isEmpty();
    }

    private void connect(TestIsmg ismg) throws InterruptedException {
        CmppProviderPool pool = fixture.pool(provider("cmcc", ismg.port(), 1, 16, 1000));
        fixture.dispatcher(pool);
        Await.until("logged in", TIMEOUT, pool::isAvailable);
        Await.until("ISMG sees the connection", TIMEOUT, () -> ismg.connections() == 1);
    }

    private List<MoMessage> awaitReplies(int count) throws InterruptedException {
        List<MoMessage> replies = new ArrayList<>();
        Await.until(count + " MO stored", TIMEOUT, () -> {
            replies.addAll(Await.result("pullReplies", fixture.store.pullReplies(SendPathFixture.APP, 10)));
            return replies.size() >= count;
        });
        return replies;
    }
}
