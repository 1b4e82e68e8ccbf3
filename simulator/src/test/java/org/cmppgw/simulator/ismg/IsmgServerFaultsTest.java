package org.cmppgw.simulator.ismg;

import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.pdu.CmppDeliver;
import org.cmppgw.cmpp.pdu.CmppSubmitResp;
import org.cmppgw.cmpp.session.CmppResponseTimeoutException;
import org.cmppgw.cmpp.session.CmppSessionConfig;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every fault switch of {@link FaultConfig}, seen from an SP over real sockets (docs/design.md §6). */
class IsmgServerFaultsTest {
    @RegisterExtension
    final IsmgFixture fixture = new IsmgFixture();

    private static FaultConfig faults(Boolean reportBeforeResponse, Boolean reportOnOtherConnection) {
        return IsmgFixture.faults(reportBeforeResponse, reportOnOtherConnection, null, null, null, null, null, null);
    }

    private static FaultConfig responseFaults(Long delayMillis, Integer withholdEvery, Integer dropAfter) {
        return IsmgFixture.faults(null, null, null, delayMillis, withholdEvery, dropAfter, null, null);
    }

    private static FaultConfig garbage(int every, boolean framed) {
        return IsmgFixture.faults(null, null, null, null, null, null, every, framed);
    }

    @Test
    void reportBeforeResponseArrivesAheadOfTheSubmitResp() throws Exception {
        fixture.start(IsmgFixture.config(0, faults(true, null)));
        SpClient sp = fixture.connect(CmppVersion.V30);

        CmppSubmitResp resp = sp.submitAndWait(SpClient.submit("13800138000").build());

        assertThat(sp.nextDeliver().report().msgId()).isEqualTo(resp.msgId());
        assertThat(sp.events()).containsExactly("DELIVER " + resp.msgId().toHex(), "RESP CMPP_SUBMIT_RESP");
    }

    @Test
    void reportOnAnotherConnectionOfTheAccount() throws Exception {
        fixture.start(IsmgFixture.config(0, faults(null, true)));
        SpClient submitter = fixture.connect(CmppVersion.V30);
        SpClient other = fixture.connect(CmppVersion.V20);

        CmppSubmitResp resp = submitter.submitAndWait(SpClient.submit("13800138000").build());

        assertThat(other.nextDeliver().report().msgId()).isEqualTo(resp.msgId());
        assertThat(submitter.pollDeliver(200)).isNull();
    }

    @Test
    void anUnansweredReportIsSentAgainWithTheSameDeliverMsgId() throws Exception {
        FaultConfig resendFast = IsmgFixture.faults(null, null, 100L, null, null, null, null, null);
        IsmgServer server = fixture.start(IsmgFixture.config(0, resendFast), SpClient.shortTimeouts());
        SpClient sp = fixture.connect(CmppVersion.V30);
        sp.leaveUnanswered(1);

        CmppSubmitResp resp = sp.submitAndWait(SpClient.submit("13800138000").build());
        List<CmppDeliver> sends = sp.nextDelivers(2);

        assertThat(sends).extracting(d -> d.report().msgId()).containsOnly(resp.msgId());
        assertThat(sends.get(1).msgId()).isEqualTo(sends.get(0).msgId());
        assertThat(sends.get(1).sequenceId()).isNotEqualTo(sends.get(0).sequenceId());
        Await.until("the second send acknowledged",
            () -> server.traffic(SpClient.ACCOUNT).snapshot().reportsAcknowledged() == 1);
        assertThat(server.traffic(SpClient.ACCOUNT).snapshot().reportsUnacknowledged()).isEqualTo(1);
        assertThat(fixture.counter(IsmgMetrics.REPORTS_RESENT, "account", SpClient.ACCOUNT)).isEqualTo(1);
    }

    @Test
    void reportsOfAClosedConnectionComeOnAnotherOne() throws Exception {
        FaultConfig resendFast = IsmgFixture.faults(null, null, 100L, null, null, null, null, null);
        IsmgServer server = fixture.start(IsmgFixture.config(200, resendFast));
        SpClient leaving = fixture.connect(CmppVersion.V30);
        SpClient staying = fixture.connect(CmppVersion.V30);
        // Whether the report is due before the close or sent and left unanswered, it must end up on the other one.
        leaving.leaveUnanswered(1);

        CmppSubmitResp resp = leaving.submitAndWait(SpClient.submit("13800138000").build());
        leaving.close();

        staying.awaitReport(resp.msgId());
        Await.until("acknowledged", () -> server.traffic(SpClient.ACCOUNT).snapshot().reportsAcknowledged() == 1);
    }

    @Test
    void delayedResponsesComeLate() throws Exception {
        fixture.start(IsmgFixture.config(0, responseFaults(300L, null, null)));
        SpClient sp = fixture.connect(CmppVersion.V30);

        long start = System.nanoTime();
        CmppSubmitResp resp = sp.submitAndWait(SpClient.submit("13800138000").build());
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(resp.isOk()).isTrue();
        // A lower bound the ISMG's timer guarantees, not a performance assertion.
        assertThat(elapsedMillis).isGreaterThanOrEqualTo(250);
        assertThat(fixture.counter(IsmgMetrics.FAULTS, "kind", SubmitFaults.DELAYED)).isEqualTo(1);
    }

    @Test
    void everySecondResponseIsWithheld() throws Exception {
        IsmgServer server = fixture.start(IsmgFixture.config(0, responseFaults(null, 2, null)));
        SpClient sp = fixture.connect(SpClient.config(server.port()).sessionConfig(SpClient.shortTimeouts()).build());

        assertThat(sp.submitAndWait(SpClient.submit("13800138000").build()).isOk()).isTrue();
        assertThatThrownBy(() -> sp.submitAndWait(SpClient.submit("13800138000").build()))
            .hasCauseInstanceOf(CmppResponseTimeoutException.class);
        assertThat(sp.submitAndWait(SpClient.submit("13800138000").build()).isOk()).isTrue();
        assertThat(sp.isClosed()).isFalse();
        assertThat(fixture.counter(IsmgMetrics.FAULTS, "kind", SubmitFaults.WITHHELD)).isEqualTo(1);
    }

    @Test
    void theConnectionIsDroppedAfterAnsweringItsSecondSubmit() throws Exception {
        IsmgServer server = fixture.start(IsmgFixture.config(0, responseFaults(null, null, 2)));
        SpClient sp = fixture.connect(CmppVersion.V30);

        assertThat(sp.submitAndWait(SpClient.submit("13800138000").build()).isOk()).isTrue();
        assertThat(sp.submitAndWait(SpClient.submit("13800138000").build()).isOk()).isTrue();

        assertThat(sp.awaitClosed()).isNotNull();
        Await.until("the ISMG forgot the connection", () -> server.connections(SpClient.ACCOUNT) == 0);
        assertThat(fixture.counter(IsmgMetrics.FAULTS, "kind", SubmitFaults.DROPPED)).isEqualTo(1);
    }

    @Test
    void submitsReadBehindTheDroppingOneAreNeitherAnsweredNorTaken() throws Exception {
        IsmgServer server = fixture.start(IsmgFixture.config(0, responseFaults(null, null, 1)));
        SpClient sp = fixture.connect(CmppVersion.V30);

        for (int i = 0; i < 5; i++) {
            sp.send(SpClient.submit("13800138000").build());
        }

        assertThat(sp.awaitClosed()).isNotNull();
        Await.until("the ISMG forgot the connection", () -> server.connections(SpClient.ACCOUNT) == 0);
        assertThat(server.traffic(SpClient.ACCOUNT).snapshot().accepted()).as("only the answered SUBMIT").isEqualTo(1);
    }

    @Test
    void unframedGarbageClosesThatConnectionWhileAnotherOfTheAccountKeepsWorking() throws Exception {
        fixture.start(IsmgFixture.config(0, garbage(2, false)));
        SpClient victim = fixture.connect(CmppVersion.V30);
        SpClient bystander = fixture.connect(CmppVersion.V30);

        assertThat(victim.submitAndWait(SpClient.submit("13800138000").build()).isOk()).isTrue();
        victim.send(SpClient.submit("13800138000").build());

        assertThat(victim.awaitClosed()).isNotNull();
        CmppSubmitResp resp = bystander.submitAndWait(SpClient.submit("13900139000").build());
        assertThat(resp.isOk()).isTrue();
        // The bystander may inherit the victim's reports too; its own must come.
        bystander.awaitReport(resp.msgId());
        assertThat(bystander.isClosed()).isFalse();
    }

    @Test
    void framedGarbageIsCountedByTheSpAndTheConnectionLives() throws Exception {
        fixture.start(IsmgFixture.config(0, garbage(1, true)));
        SpClient sp = fixture.connect(CmppVersion.V30);

        assertThat(sp.submitAndWait(SpClient.submit("13800138000").build()).isOk()).isTrue();
        assertThat(sp.submitAndWait(SpClient.submit("13800138000").build()).isOk()).isTrue();

        assertThat(sp.nextDelivers(2)).allMatch(CmppDeliver::isReport);
        assertThat(sp.isClosed()).isFalse();
        assertThat(fixture.counter(IsmgMetrics.FAULTS, "kind", SubmitFaults.GARBAGE)).isEqualTo(2);
    }

    @Test
    void garbageFromAnSpClosesOnlyItsConnection() throws Exception {
        IsmgServer server = fixture.start(IsmgFixture.config(0));
        SpClient broken = fixture.connect(CmppVersion.V30);
        SpClient healthy = fixture.connect(CmppVersion.V30);

        // Total_Length 0xFF... : far above the frame limit, the stream cannot be re-synchronised (§2.1).
        broken.writeRaw(new byte[] {(byte) 0xFF, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15});

        broken.awaitClosed();
        CmppSubmitResp resp = healthy.submitAndWait(SpClient.submit("13800138000").build());
        assertThat(healthy.nextDeliver().report().msgId()).isEqualTo(resp.msgId());
        Await.until("one connection left", () -> server.connections(SpClient.ACCOUNT) == 1);
    }

    @Test
    void aSlowSpHoldsItsReportsInTheQueueNotOnTheConnection() throws Exception {
        // The ISMG's window is 4 and the SP answers nothing: 4 DELIVERs in flight, the rest wait their turn.
        CmppSessionConfig smallWindow = CmppSessionConfig.builder().windowSize(4)
            .responseTimeout(Duration.ofSeconds(30)).build();
        IsmgServer server = fixture.start(IsmgFixture.config(0), smallWindow);
        SpClient sp = fixture.connect(SpClient.config(server.port())
            .sessionConfig(CmppSessionConfig.builder().windowSize(64).build()).build());
        sp.leaveUnanswered(Integer.MAX_VALUE);

        int destinations = 99;
        String[] numbers = new String[destinations];
        for (int i = 0; i < destinations; i++) {
            numbers[i] = Long.toString(13_800_000_000L + i);
        }
        for (int i = 0; i < 12; i++) {
            sp.submitAndWait(SpClient.submit(numbers).build());
        }

        assertThat(sp.nextDelivers(4)).hasSize(4);
        assertThat(sp.pollDeliver(100)).isNull();
        Await.until("the rest held by the ISMG: queue plus at most one backlog",
            () -> server.pendingReports() >= 12 * destinations - 4 - IsmgConnection.MAX_QUEUED);
    }
}
