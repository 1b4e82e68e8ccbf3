package org.cmppgw.simulator.ismg;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.pdu.CmppDeliver;
import org.cmppgw.cmpp.pdu.CmppSubmit;
import org.cmppgw.cmpp.pdu.MsgContent;
import org.cmppgw.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The glue's recipe from {@link IsmgCore}'s Javadoc, played without Netty: SUBMIT in, reports and MO out. */
class IsmgCoreTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T14:50:31Z"));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Map<String, List<PendingReport>> sent = new LinkedHashMap<>();

    private final CmppSubmit submit = CmppSubmit.builder().sequenceId(1).srcId("10690000011234")
        .destTerminalIds(List.of("13800138000", "13900139000")).msgContent(MsgContent.ofHex("4f60597d")).build();

    private IsmgCore<String> core(IsmgConfig config) {
        return IsmgCore.create(config, clock, clock::nanoTime, new Random(2), registry);
    }

    private void tick(IsmgCore<String> core) {
        core.dispatcher().dispatchDue(1000, (c, reports) -> sent.computeIfAbsent(c, k -> new ArrayList<>())
            .addAll(reports));
    }

    @Test
    void submitLeadsToOneReportPerDestinationOnTheSubmittingConnection() {
        IsmgCore<String> core = core(IsmgConfig.defaults());
        IsmgAccount account = core.accounts().get("901234");
        long a = core.connections().register("901234", "a");
        core.connections().register("901234", "b");

        ConnectionFaults faults = core.newConnectionFaults();
        SubmitDecision decision = core.submitHandling().decide(account, CmppVersion.V30, a, submit);
        assertThat(faults.onSubmit()).isEqualTo(SubmitFaults.NONE);
        assertThat(core.dispatcher().schedule(decision.reports())).isEqualTo(2);
        tick(core);
        assertThat(sent).isEmpty();
        clock.advance(Duration.ofMillis(ReportDelay.DEFAULT_MILLIS));
        tick(core);

        assertThat(sent).containsOnlyKeys("a");
        List<CmppDeliver> delivers = new ArrayList<>();
        for (PendingReport report : sent.get("a")) {
            delivers.add(report.toDeliver(delivers.size() + 1, core.reportTimes()));
            core.dispatcher().acknowledged(report);
        }
        assertThat(delivers).extracting(d -> d.report().msgId())
            .containsExactlyInAnyOrder(decision.response().msgId(), decision.response().msgId().plus(1));
        assertThat(delivers).allSatisfy(d -> {
            assertThat(d.report().stat()).isEqualTo("DELIVRD");
            assertThat(Wire.roundTrip(d, CmppVersion.V20)).isEqualTo(d);
        });
        assertThat(core.dispatcher().pending()).isZero();
        assertThat(registry.get(IsmgMetrics.REPORTS).tags("stat", "DELIVRD").counter().count()).isEqualTo(2);
        assertThat(registry.get(IsmgMetrics.REPORTS_PENDING).gauge().value()).isZero();
    }

    @Test
    void reportsOfAClosedConnectionGoToAnotherOneOfTheAccount() {
        IsmgCore<String> core = core(IsmgConfig.defaults());
        long a = core.connections().register("901234", "a");
        core.connections().register("901234", "b");
        SubmitDecision decision = core.submitHandling().decide(core.accounts().get("901234"), CmppVersion.V30, a,
            submit);
        core.dispatcher().schedule(decision.reports());

        core.connections().unregister("901234", a);
        clock.advance(Duration.ofSeconds(1));
        tick(core);

        assertThat(sent).containsOnlyKeys("b");
        assertThat(sent.get("b")).hasSize(2);
    }

    @Test
    void moGeneratorIsThereOnlyWhenARateIsSet() {
        assertThat(IsmgCore.create(IsmgConfig.defaults(), clock, clock::nanoTime, new Random(2),
            new SimpleMeterRegistry()).mo()).isEmpty();
        MoConfig mo = new MoConfig(5.0, null, null, null, null, null, null, null);
        IsmgCore<String> core = core(new IsmgConfig(null, null, null, null, null, null, null, mo));
        List<SimulatedMo> out = new ArrayList<>();

        core.mo().orElseThrow().poll(out::add);
        clock.advance(Duration.ofSeconds(1));
        core.mo().orElseThrow().poll(out::add);

        assertThat(out).hasSize(6);
        assertThat(out).allSatisfy(m -> assertThat(m.parts().get(0).destId()).startsWith("1069000001"));
    }
}
