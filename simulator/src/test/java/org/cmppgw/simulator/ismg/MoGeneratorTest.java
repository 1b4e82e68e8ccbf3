package org.cmppgw.simulator.ismg;

import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.pdu.CmppDeliver;
import org.cmppgw.cmpp.pdu.MsgId;
import org.cmppgw.cmpp.sms.ConcatInfo;
import org.cmppgw.cmpp.sms.ReferenceWidth;
import org.cmppgw.cmpp.sms.Udh;
import org.cmppgw.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MoGeneratorTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T14:50:31Z"));

    private MoGenerator generator(MoConfig mo) {
        IsmgConfig config = new IsmgConfig(null, null, null, null, null, null, null, mo);
        IsmgAccount account = IsmgAccounts.create(config, clock, IsmgAccounts.CARRIER_ZONE, clock::nanoTime)
            .get(config.moAccount().sourceAddr());
        return new MoGenerator(config.mo(), account, new Random(11), clock::nanoTime);
    }

    private static String text(CmppDeliver deliver) {
        byte[] bytes = deliver.content().toByteArray();
        int skip = deliver.hasUdh() ? (bytes[0] & 0xFF) + 1 : 0;
        return new String(Arrays.copyOfRange(bytes, skip, bytes.length), StandardCharsets.UTF_16BE);
    }

    @Test
    void emitsAtTheConfiguredRate() {
        MoGenerator gen = generator(new MoConfig(10.0, null, null, null, null, null, null, 0.0));
        List<SimulatedMo> out = new ArrayList<>();

        assertThat(gen.poll(out::add)).isEqualTo(1);
        assertThat(gen.poll(out::add)).isZero();
        clock.advance(Duration.ofMillis(250));
        assertThat(gen.poll(out::add)).isEqualTo(2);
        clock.advance(Duration.ofSeconds(10));
        // A stall catches up at most one second's worth.
        assertThat(gen.poll(out::add)).isEqualTo(11);
        assertThat(out).hasSize(14);
    }

    @Test
    void moIsAUcs2DeliverToTheAccessNumberPlusAnExtensionFromAPooledSender() {
        MoConfig mo = new MoConfig(1.0, null, "HELP", List.of("1234"), List.of("13800138000"), List.of("你好"), null,
            0.0);

        SimulatedMo message = generator(mo).next();

        assertThat(message.kind()).isEqualTo(MoGenerator.KIND_TEXT);
        assertThat(message.parts()).singleElement().satisfies(d -> {
            assertThat(d.isReport()).isFalse();
            assertThat(d.registeredDelivery()).isZero();
            assertThat(d.destId()).isEqualTo("10690000011234");
            assertThat(d.serviceId()).isEqualTo("HELP");
            assertThat(d.srcTerminalId()).isEqualTo("13800138000");
            assertThat(d.msgFmt()).isEqualTo(8);
            assertThat(d.tpUdhi()).isZero();
            assertThat(d.msgId()).isNotEqualTo(MsgId.ZERO);
            assertThat(text(d)).isEqualTo("你好");
        });
    }

    @Test
    void tdIsAnUnsubscribeReply() {
        MoConfig mo = new MoConfig(1.0, null, null, null, null, List.of("TD"), null, 0.0);

        SimulatedMo message = generator(mo).next();

        assertThat(message.kind()).isEqualTo(MoGenerator.KIND_UNSUBSCRIBE);
        assertThat(text(message.parts().get(0))).isEqualTo("TD");
    }

    @Test
    void longMoComesInPartsWithOneReferenceAndDistinctIds() {
        MoGenerator gen = generator(new MoConfig(1.0, null, null, null, null, null, null, 1.0));

        SimulatedMo first = gen.next();
        SimulatedMo second = gen.next();

        assertThat(first.kind()).isEqualTo(MoGenerator.KIND_LONG);
        assertThat(first.parts()).hasSize(2);
        StringBuilder joined = new StringBuilder();
        Set<MsgId> ids = new HashSet<>();
        for (int i = 0; i < first.parts().size(); i++) {
            CmppDeliver part = first.parts().get(i);
            assertThat(part.tpUdhi()).isEqualTo(1);
            assertThat(Udh.parse(part.content()).concat())
                .contains(new ConcatInfo(ReferenceWidth.EIGHT_BIT, 0, 2, i + 1));
            assertThat(part.srcTerminalId()).isEqualTo(first.parts().get(0).srcTerminalId());
            ids.add(part.msgId());
            joined.append(text(part));
        }
        assertThat(joined.toString()).isEqualTo(MoConfig.DEFAULT_LONG_TEXTS.get(0));
        assertThat(ids).hasSize(2);
        assertThat(Udh.parse(second.parts().get(0).content()).concat().orElseThrow().reference()).isEqualTo(1);
    }

    @Test
    void everyMoSurvivesTheWireOnBothVersions() {
        MoGenerator gen = generator(new MoConfig(1.0, null, null, null, null, null, null, 0.5));
        for (int i = 0; i < 50; i++) {
            for (CmppDeliver part : gen.next().parts()) {
                CmppDeliver numbered = part.withSequenceId(i + 1);
                for (CmppVersion version : CmppVersion.values()) {
                    assertThat(Wire.roundTrip(numbered, version)).isEqualTo(numbered);
                }
            }
        }
    }

    @Test
    void refusesAZeroRate() {
        assertThatThrownBy(() -> generator(MoConfig.defaults()))
            .hasMessage("ismg.mo.ratePerSecond: 0 (expected: > 0 to generate MO)");
    }
}
