package org.cmppgw.simulator.ismg;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.codec.CmppCodecException;
import org.cmppgw.cmpp.codec.CmppDecoder;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectionFaultsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private ConnectionFaults faults(Long delayMillis, Double delayShare, Integer withholdEvery, Double withholdP,
                                    Integer dropAfter, Integer garbageEvery, Boolean framed) {
        FaultConfig config = new FaultConfig(null, null, null, null, null, delayMillis, delayShare, withholdEvery,
            withholdP, dropAfter, garbageEvery, framed);
        return new ConnectionFaults(config, new Random(8), new IsmgMetrics(registry));
    }

    private static List<SubmitFaults> submits(ConnectionFaults faults, int n) {
        List<SubmitFaults> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(faults.onSubmit());
        }
        return out;
    }

    @Test
    void noFaultsMeansNoneEveryTime() {
        ConnectionFaults faults = new ConnectionFaults(FaultConfig.defaults(), new Random(1), IsmgMetrics.noop());

        assertThat(submits(faults, 1000)).containsOnly(SubmitFaults.NONE);
        assertThat(SubmitFaults.NONE.isNone()).isTrue();
    }

    @Test
    void withholdsEveryNthResponse() {
        List<SubmitFaults> out = submits(faults(null, null, 3, null, null, null, null), 9);

        assertThat(out).extracting(SubmitFaults::withholdResponse)
            .containsExactly(false, false, true, false, false, true, false, false, true);
        assertThat(registry.get(IsmgMetrics.FAULTS).tag("kind", SubmitFaults.WITHHELD).counter().count())
            .isEqualTo(3);
    }

    @Test
    void withholdsByProbability() {
        long withheld = submits(faults(null, null, null, 0.25, null, null, null), 10_000).stream()
            .filter(SubmitFaults::withholdResponse).count();

        assertThat(withheld).isBetween(2200L, 2800L);
    }

    @Test
    void delaysResponsesButNeverAWithheldOne() {
        List<SubmitFaults> out = submits(faults(300L, null, 2, null, null, null, null), 4);

        assertThat(out).extracting(SubmitFaults::responseDelayMillis).containsExactly(300L, 0L, 300L, 0L);
    }

    @Test
    void delayShareDelaysOnlySome() {
        long delayed = submits(faults(300L, 0.1, null, null, null, null, null), 10_000).stream()
            .filter(f -> f.responseDelayMillis() > 0).count();

        assertThat(delayed).isBetween(800L, 1200L);
    }

    @Test
    void dropsTheConnectionAfterTheNthSubmitOnce() {
        ConnectionFaults faults = faults(null, null, null, null, 5, null, null);
        List<SubmitFaults> out = submits(faults, 7);

        assertThat(out).extracting(SubmitFaults::closeAfterResponse)
            .containsExactly(false, false, false, false, true, false, false);
        assertThat(faults.submits()).isEqualTo(7);
    }

    @Test
    void framedGarbageIsAnUnknownCommandThePeerCanSkip() {
        ConnectionFaults faults = faults(null, null, null, null, null, 2, true);
        assertThat(submits(faults, 4)).extracting(SubmitFaults::sendGarbage).containsExactly(false, true, false, true);
        EmbeddedChannel peer = new EmbeddedChannel(new CmppDecoder(CmppVersion.V30));

        peer.writeInbound(Unpooled.wrappedBuffer(faults.garbage()));

        Object decoded = peer.readInbound();
        assertThat(decoded).isInstanceOfSatisfying(CmppCodecException.class, e -> {
            assertThat(e.knownCommand()).isFalse();
            assertThat(e.commandIdCode()).isEqualTo(ConnectionFaults.UNKNOWN_COMMAND_ID);
        });
        Object rest = peer.readInbound();
        assertThat(rest).isNull();
        assertThat(peer.finish()).isFalse();
    }

    @Test
    void rawGarbageBreaksFraming() {
        ConnectionFaults faults = faults(null, null, null, null, null, 1, false);
        EmbeddedChannel peer = new EmbeddedChannel(new CmppDecoder(CmppVersion.V20));

        assertThatThrownBy(() -> peer.writeInbound(Unpooled.wrappedBuffer(faults.garbage())))
            .isInstanceOf(TooLongFrameException.class);
        peer.finishAndReleaseAll();
    }
}
