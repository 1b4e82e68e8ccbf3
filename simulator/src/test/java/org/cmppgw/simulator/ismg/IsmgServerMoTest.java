package org.cmppgw.simulator.ismg;

import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.pdu.CmppDeliver;
import org.cmppgw.cmpp.sms.Reassembler;
import org.cmppgw.cmpp.sms.ReassemblerOptions;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MO traffic over real sockets (docs/cmpp-protocol.md §7.3, §9.5, §10.3): unsubscribe replies and long messages in
 * parts, joined again by protocol-cmpp's {@link Reassembler} as a gateway would.
 */
class IsmgServerMoTest {
    @RegisterExtension
    final IsmgFixture fixture = new IsmgFixture();

    @ParameterizedTest
    @EnumSource(CmppVersion.class)
    void usersReplyTdAndLongMessagesThatReassemble(CmppVersion version) throws Exception {
        MoConfig mo = new MoConfig(50.0, null, "HELP", List.of("1234"), null, List.of("TD"), null, 0.5);
        IsmgServer server = fixture.start(new IsmgConfig(null, 0, 0, null, null, null, null, mo));
        SpClient sp = fixture.connect(version);
        Reassembler reassembler = new Reassembler(ReassemblerOptions.defaults(), Clock.systemUTC());

        List<String> texts = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2 * SpClient.WAIT_SECONDS);
        while (!texts.contains("TD") || !texts.contains(MoConfig.DEFAULT_LONG_TEXTS.get(0))) {
            assertThat(System.nanoTime() - deadline).as("both kinds of MO in time (so far: %s)", texts).isNegative();
            CmppDeliver deliver = sp.nextDeliver();
            assertThat(deliver.isReport()).isFalse();
            assertThat(deliver.destId()).isEqualTo("10690000011234");
            assertThat(deliver.serviceId()).isEqualTo("HELP");
            assertThat(MoConfig.DEFAULT_SENDERS).contains(deliver.srcTerminalId());
            for (var message : reassembler.accept(deliver)) {
                assertThat(message.complete()).isTrue();
                texts.add(message.text());
            }
        }

        assertThat(texts).containsOnly("TD", MoConfig.DEFAULT_LONG_TEXTS.get(0));
        assertThat(fixture.counter(IsmgMetrics.MO, "account", SpClient.ACCOUNT, "kind", MoGenerator.KIND_UNSUBSCRIBE))
            .isPositive();
        assertThat(fixture.counter(IsmgMetrics.MO, "account", SpClient.ACCOUNT, "kind", MoGenerator.KIND_LONG))
            .isPositive();
        Await.until("MO acknowledged", () -> server.traffic(SpClient.ACCOUNT).snapshot().moAcknowledged() > 0);
    }
}
