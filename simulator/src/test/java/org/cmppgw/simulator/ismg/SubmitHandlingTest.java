package org.cmppgw.simulator.ismg;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.pdu.CmppSubmit;
import org.cmppgw.cmpp.pdu.CmppSubmitResp;
import org.cmppgw.cmpp.pdu.MsgContent;
import org.cmppgw.cmpp.pdu.MsgFmt;
import org.cmppgw.cmpp.pdu.MsgId;
import org.cmppgw.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SubmitHandlingTest {
    private static final long CONNECTION = 42;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T14:50:31Z"));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final IsmgMetrics metrics = new IsmgMetrics(registry);

    private final CmppSubmit.Builder submit = CmppSubmit.builder().sequenceId(77).srcId("1069000001")
        .destTerminalId("13800138000").msgFmt(MsgFmt.UCS2.code()).msgContent(MsgContent.ofHex("4f60597d"));

    private SubmitHandling handling(FaultConfig faults) {
        ReportPlanner planner = new ReportPlanner(new ReportConfig(ReportDelay.fixed(1000), null), new Random(1));
        return new SubmitHandling(planner, faults, metrics, clock, clock::nanoTime);
    }

    private static IsmgAccount account(Integer tps, Boolean checkSrcId) {
        IsmgAccountConfig config = new IsmgAccountConfig("901234", "secret", null, tps, null, null, null, checkSrcId);
        MutableClock clock = new MutableClock(Instant.parse("2026-11-21T14:50:31Z"));
        return IsmgAccounts.create(new IsmgConfig(null, null, null, null, List.of(config), null, null, null), clock,
            IsmgAccounts.CARRIER_ZONE, clock::nanoTime).get("901234");
    }

    private long result(CmppVersion version, CmppSubmit s) {
        return handling(FaultConfig.defaults()).decide(account(0, true), version, CONNECTION, s).result();
    }

    @Test
    void acceptedSubmitGetsAMsgIdAndOneReportPerDestination() {
        CmppSubmit s = submit.destTerminalIds(List.of("13800138000", "13900139000", "+8615800158000")).build();

        SubmitDecision decision = handling(FaultConfig.defaults()).decide(account(0, false), CmppVersion.V30,
            CONNECTION, s);

        CmppSubmitResp resp = decision.response();
        assertThat(decision.accepted()).isTrue();
        assertThat(resp.sequenceId()).isEqualTo(77);
        assertThat(resp.msgId()).isNotEqualTo(MsgId.ZERO);
        assertThat(resp.msgId().gateway()).isEqualTo(79101);
        assertThat(decision.reportsBeforeResponse()).isFalse();
        assertThat(decision.reports()).hasSize(3);
        for (int k = 0; k < 3; k++) {
            PendingReport report = decision.reports().get(k);
            assertThat(report.msgId()).isEqualTo(resp.msgId().plus(k));
            assertThat(report.destTerminalId()).isEqualTo(s.destTerminalIds().get(k));
            assertThat(report.originConnection()).isEqualTo(CONNECTION);
            assertThat(report.srcId()).isEqualTo("1069000001");
            assertThat(report.dueNanos() - clock.nanoTime()).isEqualTo(1_000_000_000L);
        }
        assertThat(registry.get(IsmgMetrics.SUBMIT_RESULTS).tags("result", "0").counter().count()).isEqualTo(1);
    }

    @Test
    void groupIdsAreNotHandedOutAgain() {
        IsmgAccount account = account(0, false);
        SubmitHandling handling = handling(FaultConfig.defaults());

        MsgId group = handling.decide(account, CmppVersion.V30, CONNECTION,
            submit.destTerminalIds(List.of("13800138000", "13900139000")).build()).response().msgId();
        MsgId next = handling.decide(account, CmppVersion.V30, CONNECTION, submit.destTerminalId("1").build())
            .response().msgId();

        assertThat(next).isNotIn(group, group.plus(1));
    }

    @Test
    void noReportWhenNoneWasAskedFor() {
        SubmitDecision v30 = handling(FaultConfig.defaults()).decide(account(0, false), CmppVersion.V30, CONNECTION,
            submit.registeredDelivery(0).build());
        SubmitDecision billOnly = handling(FaultConfig.defaults()).decide(account(0, false), CmppVersion.V20,
            CONNECTION, submit.registeredDelivery(2).build());

        assertThat(v30.accepted()).isTrue();
        assertThat(v30.reports()).isEmpty();
        assertThat(billOnly.accepted()).isTrue();
        assertThat(billOnly.reports()).isEmpty();
    }

    @Test
    void overTheAccountsTpsIsFlowControl() {
        IsmgAccount account = account(2, false);
        SubmitHandling handling = handling(FaultConfig.defaults());

        assertThat(handling.decide(account, CmppVersion.V30, 1, submit.build()).result()).isZero();
        assertThat(handling.decide(account, CmppVersion.V30, 2, submit.build()).result()).isZero();
        SubmitDecision third = handling.decide(account, CmppVersion.V30, 3, submit.build());

        assertThat(third.result()).isEqualTo(8);
        assertThat(third.response().msgId()).isEqualTo(MsgId.ZERO);
        assertThat(third.reports()).isEmpty();
        assertThat(registry.get(IsmgMetrics.SUBMIT_RESULTS).tags("result", "8").counter().count()).isEqualTo(1);
    }

    @Test
    void reportBeforeResponseFaultMakesReportsDueAtOnce() {
        FaultConfig faults = new FaultConfig(true, null, null, null, null, null, null, null, null, null, null, null);

        SubmitDecision decision = handling(faults).decide(account(0, false), CmppVersion.V30, CONNECTION,
            submit.build());

        assertThat(decision.reportsBeforeResponse()).isTrue();
        assertThat(decision.reports()).singleElement()
            .satisfies(r -> assertThat(r.dueNanos()).isEqualTo(clock.nanoTime()));
    }

    @Test
    void partNumbersOutOfRangeAreStructureErrors() {
        assertThat(result(CmppVersion.V30, submit.pkTotal(2).pkNumber(3).build())).isEqualTo(1);
        assertThat(result(CmppVersion.V30, submit.pkTotal(0).pkNumber(0).build())).isEqualTo(1);
        assertThat(result(CmppVersion.V30, submit.pkTotal(2).pkNumber(0).build())).isEqualTo(1);
        assertThat(result(CmppVersion.V30, submit.pkTotal(2).pkNumber(2).build())).isZero();
    }

    @Test
    void registeredDeliveryTwoExistsOnlyIn20() {
        assertThat(result(CmppVersion.V20, submit.registeredDelivery(2).build())).isZero();
        assertThat(result(CmppVersion.V30, submit.registeredDelivery(2).build())).isEqualTo(1);
        assertThat(result(CmppVersion.V20, submit.registeredDelivery(3).build())).isEqualTo(1);
    }

    @Test
    void udhMustAgreeWithThePkFields() {
        MsgContent part2of3 = MsgContent.ofHex("050003aa0302" + "4f60");

        assertThat(result(CmppVersion.V30, submit.tpUdhi(1).pkTotal(3).pkNumber(2).msgContent(part2of3).build()))
            .isZero();
        assertThat(result(CmppVersion.V30, submit.tpUdhi(1).pkTotal(3).pkNumber(1).msgContent(part2of3).build()))
            .isEqualTo(1);
        // 0x40, the SMPP UDHI bit some clients send (§9.2), is read as a UDH too.
        assertThat(result(CmppVersion.V30, submit.tpUdhi(0x40).pkTotal(2).pkNumber(2).msgContent(part2of3).build()))
            .isEqualTo(1);
        assertThat(result(CmppVersion.V30, submit.tpUdhi(1).pkTotal(1).pkNumber(1)
            .msgContent(MsgContent.ofHex("0500")).build())).isEqualTo(1);
    }

    @Test
    void contentOverTheLimitIsTooLong() {
        assertThat(result(CmppVersion.V30, submit.msgContent(MsgContent.of(new byte[140])).build())).isZero();
        assertThat(result(CmppVersion.V30, submit.msgContent(MsgContent.of(new byte[141])).build())).isEqualTo(6);
        assertThat(result(CmppVersion.V30, submit.msgFmt(MsgFmt.ASCII.code())
            .msgContent(MsgContent.of("a".repeat(159).getBytes(StandardCharsets.US_ASCII)))
            .build())).isZero();
        assertThat(result(CmppVersion.V30, submit.msgFmt(MsgFmt.ASCII.code())
            .msgContent(MsgContent.of(new byte[160])).build())).isEqualTo(6);
    }

    @Test
    void srcIdOutsideTheServiceCodeIsRefusedWhenChecked() {
        CmppSubmit foreign = submit.srcId("10660000").build();

        assertThat(result(CmppVersion.V30, foreign)).isEqualTo(10);
        assertThat(result(CmppVersion.V20, foreign)).isEqualTo(9);
        assertThat(handling(FaultConfig.defaults()).decide(account(0, false), CmppVersion.V30, CONNECTION, foreign)
            .result()).isZero();
    }

    @Test
    void destinationMustBeANumber() {
        CmppSubmit bad = submit.destTerminalIds(List.of("13800138000", "138-0013")).build();

        assertThat(result(CmppVersion.V30, bad)).isEqualTo(13);
        assertThat(result(CmppVersion.V20, bad)).isEqualTo(9);
        assertThat(result(CmppVersion.V30, submit.destTerminalId("+").build())).isEqualTo(13);
        assertThat(result(CmppVersion.V30, submit.destTerminalId("+8613800138000").build())).isZero();
    }
}
