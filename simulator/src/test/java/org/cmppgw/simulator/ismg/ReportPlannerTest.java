package org.cmppgw.simulator.ismg;

import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.pdu.CmppDeliver;
import org.cmppgw.cmpp.pdu.CmppSubmit;
import org.cmppgw.cmpp.pdu.MsgId;
import org.cmppgw.cmpp.pdu.StatusReport;
import org.cmppgw.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ReportPlannerTest {
    private static final Instant T0 = Instant.parse("2026-11-21T14:50:31Z");
    private final MutableClock clock = new MutableClock(T0);
    private final IsmgAccount account = IsmgAccounts.create(IsmgConfig.defaults(), clock, IsmgAccounts.CARRIER_ZONE,
        clock::nanoTime).get("901234");
    private final CmppSubmit submit = CmppSubmit.builder().sequenceId(7).srcId("10690000011234").serviceId("SVC")
        .destTerminalId("13800138000").build();

    @Test
    void statsFollowTheWeights() {
        Map<String, Integer> weights = new LinkedHashMap<>();
        weights.put("DELIVRD", 95);
        weights.put("UNDELIV", 3);
        weights.put("EXPIRED", 1);
        weights.put("MK:0001", 1);
        weights.put("REJECTD", 0);
        StatMix mix = new StatMix(weights);
        Random random = new Random(42);
        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < 100_000; i++) {
            counts.merge(mix.pick(random), 1, Integer::sum);
        }

        assertThat(counts).containsOnlyKeys("DELIVRD", "UNDELIV", "EXPIRED", "MK:0001");
        assertThat(counts.get("DELIVRD") / 100_000.0).isCloseTo(0.95, within(0.005));
        assertThat(counts.get("UNDELIV") / 100_000.0).isCloseTo(0.03, within(0.003));
        assertThat(counts.get("MK:0001") / 100_000.0).isCloseTo(0.01, within(0.002));
    }

    @Test
    void delaysStayInsideTheirDistribution() {
        Random random = new Random(1);
        ReportDelay uniform = ReportDelay.uniform(100, 200);
        ReportDelay exponential = ReportDelay.exponential(1000, 3000);
        long sum = 0;
        for (int i = 0; i < 20_000; i++) {
            assertThat(uniform.sampleMillis(random)).isBetween(100L, 200L);
            long e = exponential.sampleMillis(random);
            assertThat(e).isBetween(0L, 3000L);
            sum += e;
        }

        assertThat(ReportDelay.fixed(250).sampleMillis(random)).isEqualTo(250);
        // The cap at 3 x mean trims the tail: E[min(X, 3m)] = m (1 - e^-3) ≈ 0.95 m.
        assertThat(sum / 20_000.0).isCloseTo(950, within(40.0));
    }

    @Test
    void plannedReportCarriesTheSubmitAndIsDueAfterTheDelay() {
        ReportPlanner planner = new ReportPlanner(new ReportConfig(ReportDelay.fixed(90_000), null), new Random(3));
        MsgId msgId = account.msgIds().reserve(1);

        PendingReport report = planner.plan(account, 5, submit, msgId, "13800138000", clock.millis(),
            clock.nanoTime(), false);

        assertThat(report.account()).isEqualTo("901234");
        assertThat(report.originConnection()).isEqualTo(5);
        assertThat(report.msgId()).isEqualTo(msgId);
        assertThat(report.deliverMsgId()).isNotEqualTo(msgId);
        assertThat(report.stat()).isEqualTo("DELIVRD");
        assertThat(report.dueNanos() - clock.nanoTime()).isEqualTo(90_000_000_000L);
        assertThat(report.doneMillis() - report.submitMillis()).isEqualTo(90_000);
        assertThat(report.sends()).isZero();
    }

    @Test
    void immediateReportIsDueAtOnce() {
        ReportPlanner planner = new ReportPlanner(new ReportConfig(ReportDelay.fixed(90_000), null), new Random(3));

        PendingReport report = planner.plan(account, 5, submit, MsgId.ZERO, "13800138000", clock.millis(),
            clock.nanoTime(), true);

        assertThat(report.dueNanos()).isEqualTo(clock.nanoTime());
    }

    @Test
    void deliverIsAStatusReportOnBothWireVersions() {
        ReportPlanner planner = new ReportPlanner(new ReportConfig(ReportDelay.fixed(90_000), null), new Random(3));
        MsgId msgId = account.msgIds().reserve(1);
        PendingReport report = planner.plan(account, 5, submit, msgId, "13800138000", clock.millis(),
            clock.nanoTime(), false);
        ReportTimes times = new ReportTimes(IsmgAccounts.CARRIER_ZONE);

        for (CmppVersion version : CmppVersion.values()) {
            CmppDeliver deliver = report.toDeliver(99, times);
            Object decoded = Wire.roundTrip(deliver, version);

            assertThat(decoded).isEqualTo(deliver);
            assertThat(deliver.sequenceId()).isEqualTo(99);
            assertThat(deliver.registeredDelivery()).isEqualTo(1);
            assertThat(deliver.msgId()).isEqualTo(report.deliverMsgId());
            assertThat(deliver.destId()).isEqualTo("10690000011234");
            assertThat(deliver.serviceId()).isEqualTo("SVC");
            assertThat(deliver.srcTerminalId()).isEqualTo("13800138000");
            StatusReport sr = deliver.report();
            assertThat(sr.msgId()).isEqualTo(msgId);
            assertThat(sr.stat()).isEqualTo("DELIVRD");
            assertThat(sr.submitTime()).isEqualTo("2611212250");
            assertThat(sr.doneTime()).isEqualTo("2611212252");
            assertThat(sr.destTerminalId()).isEqualTo("13800138000");
        }
    }
}
