package org.cmppgw.simulator.ismg;

import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.pdu.CmppCancel;
import org.cmppgw.cmpp.pdu.CmppCancelResp;
import org.cmppgw.cmpp.pdu.CmppDeliver;
import org.cmppgw.cmpp.pdu.CmppQuery;
import org.cmppgw.cmpp.pdu.CmppQueryResp;
import org.cmppgw.cmpp.pdu.CmppResponse;
import org.cmppgw.cmpp.pdu.CmppSubmit;
import org.cmppgw.cmpp.pdu.CmppSubmitResp;
import org.cmppgw.cmpp.pdu.MsgId;
import org.cmppgw.cmpp.pdu.StatusReport;
import org.cmppgw.cmpp.session.CmppSessionConfig;
import org.cmppgw.cmpp.sms.Segmenter;
import org.cmppgw.cmpp.sms.SegmenterOptions;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SUBMIT → SUBMIT_RESP → status report over real sockets (docs/cmpp-protocol.md §7.1–§7.4, §8.1, §9.5, §11.2), plus
 * QUERY, CANCEL and the meters, with protocol-cmpp's client as the SP.
 */
class IsmgServerSubmitTest {
    @RegisterExtension
    final IsmgFixture fixture = new IsmgFixture();

    @ParameterizedTest
    @EnumSource(CmppVersion.class)
    void theReportQuotesTheMsgIdOfTheSubmitResp(CmppVersion version) throws Exception {
        IsmgServer server = fixture.start(IsmgFixture.config(0));
        SpClient sp = fixture.connect(version);

        CmppSubmitResp resp = sp.submitAndWait(SpClient.submit("13800138000").build());
        CmppDeliver deliver = sp.nextDeliver();

        assertThat(resp.isOk()).isTrue();
        assertThat(resp.msgId().gateway()).isEqualTo(IsmgAccountConfig.DEFAULT_GATEWAY_CODE);
        assertThat(deliver.isReport()).isTrue();
        StatusReport report = deliver.report();
        assertThat(report.msgId()).isEqualTo(resp.msgId());
        assertThat(report.stat()).isEqualTo(StatusReport.DELIVERED);
        assertThat(report.destTerminalId()).isEqualTo("13800138000");
        assertThat(deliver.srcTerminalId()).isEqualTo("13800138000");
        assertThat(deliver.destId()).isEqualTo("1069000001");
        assertThat(deliver.msgId()).isNotEqualTo(resp.msgId());
        Await.until("the DELIVER_RESP counted",
            () -> server.traffic(SpClient.ACCOUNT).snapshot().reportsAcknowledged() == 1);
        assertThat(server.pendingReports()).isZero();
    }

    @Test
    void aGroupSendGetsOneReportPerDestinationAtMsgIdPlusK() throws Exception {
        fixture.start(IsmgFixture.config(0));
        SpClient sp = fixture.connect(CmppVersion.V30);
        List<String> destinations = List.of("13800138000", "13900139000", "15800158000");

        CmppSubmitResp resp = sp.submitAndWait(SpClient.submit(destinations.toArray(String[]::new)).build());
        Map<String, MsgId> idByDestination = new HashMap<>();
        for (CmppDeliver deliver : sp.nextDelivers(3)) {
            idByDestination.put(deliver.report().destTerminalId(), deliver.report().msgId());
        }

        assertThat(idByDestination).containsOnly(Map.entry(destinations.get(0), resp.msgId()),
            Map.entry(destinations.get(1), resp.msgId().plus(1)), Map.entry(destinations.get(2), resp.msgId().plus(2)));
    }

    @Test
    void everyPartOfALongMessageGetsItsOwnMsgIdAndReport() throws Exception {
        fixture.start(IsmgFixture.config(0));
        SpClient sp = fixture.connect(CmppVersion.V30);
        List<CmppSubmit> parts = Segmenter.toSubmits(new Segmenter(SegmenterOptions.defaults())
            .split("长短信".repeat(60)), SpClient.submit("13800138000"));

        List<MsgId> ids = new ArrayList<>();
        for (CmppSubmit part : parts) {
            CmppSubmitResp resp = sp.submitAndWait(part);
            assertThat(resp.isOk()).isTrue();
            ids.add(resp.msgId());
        }
        List<MsgId> reported = new ArrayList<>();
        for (CmppDeliver deliver : sp.nextDelivers(parts.size())) {
            reported.add(deliver.report().msgId());
        }

        assertThat(parts).hasSize(3);
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(reported).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void noReportIsSentWhenNoneWasAskedFor() throws Exception {
        IsmgServer server = fixture.start(IsmgFixture.config(0));
        SpClient sp = fixture.connect(CmppVersion.V30);

        assertThat(sp.submitAndWait(SpClient.submit("13800138000").registeredDelivery(0).build()).isOk()).isTrue();
        CmppSubmitResp asked = sp.submitAndWait(SpClient.submit("13800138000").build());

        // The second SUBMIT's report comes; had the first one made a report, it would have been due first.
        assertThat(sp.nextDeliver().report().msgId()).isEqualTo(asked.msgId());
        assertThat(server.pendingReports()).isZero();
    }

    @Test
    void submitsAboveTheAccountTpsGetResult8() throws Exception {
        IsmgServer server = fixture.start(IsmgFixture.withAccounts(IsmgFixture.config(0),
            IsmgFixture.demoAccount(null, 5, null)));
        // A window wide enough for the whole burst, so every SUBMIT reaches the ISMG at once.
        SpClient sp = fixture.connect(SpClient.config(server.port())
            .sessionConfig(CmppSessionConfig.builder().windowSize(64).build()).build());

        List<CompletableFuture<CmppResponse>> answers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            answers.add(sp.send(SpClient.submit("13800138000").build()));
        }
        Map<Long, Integer> byResult = new HashMap<>();
        for (CompletableFuture<CmppResponse> answer : answers) {
            CmppSubmitResp resp = (CmppSubmitResp) answer.get(SpClient.WAIT_SECONDS, TimeUnit.SECONDS);
            byResult.merge(resp.result(), 1, Integer::sum);
            if (!resp.isOk()) {
                assertThat(resp.msgId()).isEqualTo(MsgId.ZERO);
            }
        }

        assertThat(byResult).containsOnlyKeys(0L, (long) CmppSubmitResp.RESULT_FLOW_CONTROL);
        assertThat(byResult.get(0L)).isPositive();
        assertThat(byResult.get((long) CmppSubmitResp.RESULT_FLOW_CONTROL)).isPositive();
        assertThat(fixture.counter(IsmgMetrics.SUBMIT_RESULTS, "account", SpClient.ACCOUNT, "result", "8"))
            .isEqualTo(byResult.get((long) CmppSubmitResp.RESULT_FLOW_CONTROL).doubleValue());
        assertThat(server.traffic(SpClient.ACCOUNT).snapshot().rejected())
            .isEqualTo(byResult.get((long) CmppSubmitResp.RESULT_FLOW_CONTROL).longValue());
    }

    @Test
    void queryIsAnsweredWithTheAccountsCountersAndCancelIsRefused() throws Exception {
        fixture.start(IsmgFixture.config(0));
        SpClient sp = fixture.connect(CmppVersion.V20);
        CmppSubmitResp first = sp.submitAndWait(SpClient.submit("13800138000").build());
        sp.submitAndWait(SpClient.submit("13800138000", "13900139000").build());
        sp.submitAndWait(SpClient.submit("13800138000").pkNumber(2).build());

        CmppQueryResp query = (CmppQueryResp) sp.send(seq -> new CmppQuery(seq, "20261121", 0, "", ""))
            .get(SpClient.WAIT_SECONDS, TimeUnit.SECONDS);
        CmppCancelResp cancel = (CmppCancelResp) sp.send(seq -> new CmppCancel(seq, first.msgId()))
            .get(SpClient.WAIT_SECONDS, TimeUnit.SECONDS);

        assertThat(query.time()).isEqualTo("20261121");
        assertThat(query.mtTlMsg()).isEqualTo(3);
        assertThat(query.mtTlUsr()).isEqualTo(4);
        assertThat(query.mtScs()).isEqualTo(2);
        assertThat(query.mtFl()).isEqualTo(1);
        assertThat(cancel.successId()).isEqualTo(1);
    }

    @Test
    void metersCountSubmitsResultsAndReportsByStat() throws Exception {
        IsmgConfig config = new IsmgConfig(null, 0, 0, null, null,
            new ReportConfig(ReportDelay.fixed(0), Map.of("UNDELIV", 1)), null, null);
        fixture.start(config);
        SpClient sp = fixture.connect(CmppVersion.V30);

        sp.submitAndWait(SpClient.submit("13800138000", "13900139000").build());
        List<CmppDeliver> reports = sp.nextDelivers(2);

        assertThat(reports).allSatisfy(d -> assertThat(d.report().stat()).isEqualTo("UNDELIV"));
        assertThat(fixture.counter(IsmgMetrics.SUBMITS, "account", SpClient.ACCOUNT)).isEqualTo(1);
        assertThat(fixture.counter(IsmgMetrics.SUBMIT_RESULTS, "account", SpClient.ACCOUNT, "result", "0"))
            .isEqualTo(1);
        assertThat(fixture.counter(IsmgMetrics.REPORTS, "account", SpClient.ACCOUNT, "stat", "UNDELIV")).isEqualTo(2);
    }
}
