package org.cmppgw.gateway.dispatch;

import org.cmppgw.cmpp.pdu.CmppSubmit;
import org.cmppgw.gateway.model.MessageStatus;
import org.cmppgw.gateway.model.StoredMessage;
import org.cmppgw.gateway.provider.cmpp.CmppProviderPool;
import org.cmppgw.gateway.provider.cmpp.TestIsmg;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cmppgw.gateway.dispatch.SendPathFixture.TIMEOUT;
import static org.cmppgw.gateway.dispatch.SendPathFixture.provider;
import static org.cmppgw.gateway.dispatch.SendPathFixture.send;

/** Messages from the intake to the carrier and back as status reports, over real sockets and a real store. */
class SendPathTest extends SendPathTestBase {
    /** 100 Chinese characters: three UCS2 parts of at most 67 (docs/cmpp-protocol.md §9.4). */
    static final String THREE_PARTS = "【签名】" + "验证码测试长短信分段发送".repeat(13);

    /** 316 Chinese characters: five UCS2 parts. */
    static final String FIVE_PARTS = "【签名】" + "验证码测试长短信分段发送".repeat(26);

    /** A started dispatcher over one provider "cmcc" on {@code ismg}, every connection logged in. */
    private Dispatcher connected(TestIsmg ismg, int connections) throws InterruptedException {
        return connected(ismg, connections, 16);
    }

    private Dispatcher connected(TestIsmg ismg, int connections, int window) throws InterruptedException {
        CmppProviderPool pool = fixture.pool(provider("cmcc", ismg.port(), connections, window, 1000));
        Dispatcher dispatcher = fixture.dispatcher(pool);
        Await.until("all sessions logged in", TIMEOUT, () -> pool.activeSessions() == connections);
        return dispatcher;
    }

    /** A carrier that answers each SUBMIT after {@code answerDelay} and never sends a status report. */
    private TestIsmg withoutReports(Duration answerDelay) {
        return fixture.track(TestIsmg.start("cmcc", 4).reports(TestIsmg.Reports.NONE).answerDelay(answerDelay));
    }

    @Test
    void singleMessageIsSubmittedReportedAndDelivered() throws Exception {
        TestIsmg ismg = fixture.track(TestIsmg.start("cmcc", 4));
        Dispatcher dispatcher = connected(ismg, 1);
        long[] ids = send(fixture.intake(dispatcher), 1, "【签名】您的验证码是 123456");

        StoredMessage stored = fixture.awaitFinal(ids[0]);

        assertThat(stored.status()).isEqualTo(MessageStatus.DELIVERED);
        assertThat(stored.finalReport().stat()).isEqualTo("DELIVRD");
        CmppSubmit submit = ismg.received().get(0);
        assertThat(submit.registeredDelivery()).isEqualTo(1);
        assertThat(submit.srcId()).isEqualTo(SendPathFixture.ACCESS_NUMBER);
        assertThat(submit.serviceId()).isEqualTo("SVC01");
        assertThat(submit.msgSrc()).isEqualTo("cmcc");
        assertThat(submit.destTerminalIds()).containsExactly("13800130000");
        assertThat(submit.pkTotal()).isEqualTo(1);
        assertThat(submit.tpUdhi()).isZero();
        Await.until("DELIVER answered", TIMEOUT, () -> ismg.deliverResults().size() == 1);
        assertThat(ismg.deliverResults()).containsExactly(0L);
        assertThat(fixture.metrics.count("cmcc.dr.DELIVRD")).isEqualTo(1);
    }

    @Test
    void longMessageWithOneUndeliveredPartFailsWithThatStat() throws Exception {
        TestIsmg ismg = fixture.track(TestIsmg.start("cmcc", 4)
            .stat(submit -> submit.pkNumber() == 2 ? "UNDELIV" : "DELIVRD"));
        Dispatcher dispatcher = connected(ismg, 1);
        long[] ids = send(fixture.intake(dispatcher), 1, THREE_PARTS);

        StoredMessage stored = fixture.awaitFinal(ids[0]);

        assertThat(stored.message().parts()).isEqualTo(3);
        assertThat(stored.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(stored.finalReport().stat()).isEqualTo("UNDELIV");
        List<CmppSubmit> parts = ismg.received();
        assertThat(parts).extracting(CmppSubmit::pkNumber).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(parts).allSatisfy(part -> {
            assertThat(part.pkTotal()).isEqualTo(3);
            assertThat(part.tpUdhi()).isEqualTo(1);
            assertThat(part.msgFmt()).isEqualTo(8);
            assertThat(part.registeredDelivery()).isEqualTo(1);
        });
    }

    @Test
    void partsOfEachLongMessageGoOutConsecutivelyOnOneConnection() throws Exception {
        // A carrier may reassemble per connection: 20 five-part messages over 4 connections, answered slowly so that
        // a backlog builds up and every connection is busy at once.
        TestIsmg ismg = fixture.track(TestIsmg.start("cmcc", 4).answerDelay(Duration.ofMillis(20)));
        Dispatcher dispatcher = connected(ismg, 4);
        Await.until("four ISMG connections", TIMEOUT, () -> ismg.connections() == 4);
        long[] ids = send(fixture.intake(dispatcher), 20, FIVE_PARTS);

        List<StoredMessage> stored = fixture.awaitAllFinal(ids);

        assertThat(stored).extracting(StoredMessage::status).containsOnly(MessageStatus.DELIVERED);
        assertEachMessageConsecutiveOnOneConnection(ismg, 5);
        assertThat(ismg.receivedConnections()).as("the backlog was spread over the connections").containsAll(
            List.of(0, 1, 2, 3));
    }

    @Test
    void aMessageLongerThanTheWindowWaitsForAnEmptyWindowAndStillGoesOutOnOneConnection() throws Exception {
        TestIsmg ismg = fixture.track(TestIsmg.start("cmcc", 4).answerDelay(Duration.ofMillis(10)));
        Dispatcher dispatcher = connected(ismg, 2, 2);
        Await.until("two ISMG connections", TIMEOUT, () -> ismg.connections() == 2);
        long[] ids = send(fixture.intake(dispatcher), 6, FIVE_PARTS);

        List<StoredMessage> stored = fixture.awaitAllFinal(ids);

        assertThat(stored).extracting(StoredMessage::status).containsOnly(MessageStatus.DELIVERED);
        assertEachMessageConsecutiveOnOneConnection(ismg, 5);
    }

    @Test
    void aPartRefusedWithFlowControlGoesAgainOnItsOwnConnection() throws Exception {
        // The 3rd SUBMIT the carrier sees is answered with Result 8 (flow control); the same part goes again later.
        TestIsmg ismg = fixture.track(TestIsmg.start("cmcc", 4).results(n -> n == 3 ? 8 : 0));
        Dispatcher dispatcher = connected(ismg, 2);
        Await.until("two ISMG connections", TIMEOUT, () -> ismg.connections() == 2);
        long[] ids = send(fixture.intake(dispatcher), 1, FIVE_PARTS);

        assertThat(fixture.awaitFinal(ids[0]).status()).isEqualTo(MessageStatus.DELIVERED);
        assertThat(ismg.received()).hasSize(6);
        assertThat(ismg.receivedConnections()).as("every send, the resend too, on one connection").containsOnly(
            ismg.receivedConnections().get(0));
    }

    /** Every message (one per mobile) arrived on one connection, its parts with nothing else between them. */
    private static void assertEachMessageConsecutiveOnOneConnection(TestIsmg ismg, int parts) {
        List<CmppSubmit> submits = ismg.received();
        List<Integer> connections = ismg.receivedConnections();
        Map<Integer, List<String>> byConnection = new TreeMap<>();
        for (int i = 0; i < submits.size(); i++) {
            byConnection.computeIfAbsent(connections.get(i), c -> new ArrayList<>())
                .add(submits.get(i).destTerminalIds().get(0));
        }
        Set<String> seen = new HashSet<>();
        byConnection.forEach((connection, mobiles) -> {
            for (int start = 0; start < mobiles.size(); start += parts) {
                String mobile = mobiles.get(start);
                assertThat(mobiles.subList(start, Math.min(start + parts, mobiles.size())))
                    .as("connection %d, SUBMITs %d..%d: the parts of one message, consecutively", connection, start,
                        start + parts - 1)
                    .hasSize(parts).containsOnly(mobile);
                assertThat(seen.add(mobile)).as("%s sent on one connection only", mobile).isTrue();
            }
        });
    }

    @Test
    void reportBeforeItsSubmitResponseIsStillMatched() throws Exception {
        TestIsmg ismg = fixture.track(TestIsmg.start("cmcc", 4).reports(TestIsmg.Reports.BEFORE_RESPONSE));
        Dispatcher dispatcher = connected(ismg, 1);
        long[] ids = send(fixture.intake(dispatcher), 20, "【签名】hello");

        List<StoredMessage> stored = fixture.awaitAllFinal(ids);

        assertThat(stored).extracting(StoredMessage::status).containsOnly(MessageStatus.DELIVERED);
        assertThat(fixture.metrics.count("cmcc.unmatched")).as("reports parked until their outcome was stored")
            .isPositive();
    }

    @Test
    void windowInUseGaugeFallsToZeroWhenTheLastResponsesComeBackWithNothingQueued() throws Exception {
        // 20 parts on a window of 16: the last responses free slots while nothing is queued, so the pull loop does
        // not run again; the gauge must follow the responses, not the pull loop.
        TestIsmg ismg = withoutReports(Duration.ofMillis(50));
        Dispatcher dispatcher = connected(ismg, 1);
        long[] ids = send(fixture.intake(dispatcher), 20, "【签名】hello");

        fixture.awaitAllStatus(ids, MessageStatus.SUBMITTED);
        Await.until("every SUBMIT answered", TIMEOUT, () -> fixture.metrics.count("cmcc.result.0") == ids.length);
        assertThat(fixture.metrics.windowInUse("cmcc", "0")).as("window in use after the last response").isZero();
    }

    @Test
    void aReportNamingAnotherHandsetIsKeptAsideAndNotApplied() throws Exception {
        TestIsmg ismg = fixture.track(TestIsmg.start("cmcc", 4).reportedMobile(submit -> "13999999999"));
        Dispatcher dispatcher = connected(ismg, 1);
        long[] ids = send(fixture.intake(dispatcher), 3, "【签名】hello");

        Await.until("every report kept aside", TIMEOUT,
            () -> Await.result("count", fixture.store.countMismatchedReports()) == 3);
        Await.until("every DELIVER answered", TIMEOUT, () -> ismg.deliverResults().size() == 3);
        assertThat(ismg.deliverResults()).as("answered, so the carrier stops resending").containsOnly(0L);
        for (long id : ids) {
            assertThat(fixture.awaitStatus(id, MessageStatus.SUBMITTED)).isEqualTo(MessageStatus.SUBMITTED);
        }
    }

    @Test
    void reportOnAnotherConnectionOfTheAccountIsMatched() throws Exception {
        TestIsmg ismg = fixture.track(TestIsmg.start("cmcc", 4).reports(TestIsmg.Reports.OTHER_CONNECTION));
        Dispatcher dispatcher = connected(ismg, 2);
        Await.until("two ISMG connections", TIMEOUT, () -> ismg.connections() == 2);
        long[] ids = send(fixture.intake(dispatcher), 10, "【签名】hello");

        List<StoredMessage> stored = fixture.awaitAllFinal(ids);

        assertThat(stored).extracting(StoredMessage::status).containsOnly(MessageStatus.DELIVERED);
        Await.until("every DELIVER answered", TIMEOUT, () -> ismg.deliverResults().size() == 10);
        assertThat(ismg.deliverResults()).containsOnly(0L);
    }

    @Test
    void closeDrainsTheSubmitsInFlightBeforeItTerminates() throws Exception {
        TestIsmg ismg = withoutReports(Duration.ofMillis(300));
        Dispatcher dispatcher = connected(ismg, 1);
        long[] ids = send(fixture.intake(dispatcher), 5, "【签名】hello");
        Await.until("all 5 in the window", TIMEOUT, () -> ismg.submits() == 5);

        dispatcher.close();

        fixture.awaitAllStatus(ids, MessageStatus.SUBMITTED);
        assertThat(Await.result("pendingForResend", fixture.store.pendingForResend(SendPathFixture.NODE, 0, 10)))
            .as("nothing to resend")
            .isEmpty();
        assertThat(dispatcher.capacity().inUse()).isZero();
    }

    @Test
    void permanentSubmitErrorFailsTheMessageWithTheResult() throws Exception {
        TestIsmg ismg = fixture.track(TestIsmg.start("cmcc", 4).results(n -> 13));
        Dispatcher dispatcher = connected(ismg, 1);
        long[] ids = send(fixture.intake(dispatcher), 1, "【签名】hello");

        StoredMessage stored = fixture.awaitFinal(ids[0]);

        assertThat(stored.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(stored.finalReport().stat()).isEqualTo("SR:0013");
        assertThat(ismg.submits()).isEqualTo(1);
    }
}
