package org.cmppgw.cmpp.codec;

import io.netty.channel.embedded.EmbeddedChannel;
import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.pdu.CmppActiveTest;
import org.cmppgw.cmpp.pdu.CmppConnect;
import org.cmppgw.cmpp.pdu.CmppPdu;
import org.cmppgw.cmpp.pdu.CmppSubmit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CmppDecoder} in a pipeline (docs/design.md §10 rules 24–25): every golden PDU, whole and byte by byte; several
 * PDUs per buffer; a bad PDU followed by a good one. The expected PDU is built from the field values the golden file
 * states, not by the decoder under test.
 */
class CmppDecoderTest {
    private final Frames frames = new Frames();

    @AfterEach
    void nothingLeaked() {
        frames.assertAllReleased();
    }

    @TestFactory
    Stream<DynamicTest> everyGoldenPduDecodesFedWhole() {
        return GoldenHex.all().stream().map(golden -> DynamicTest.dynamicTest(golden.name(), () -> {
            EmbeddedChannel channel = frames.decoderChannel(golden.version());
            assertThat(channel.writeInbound(frames.buffer(golden.bytes()))).isTrue();
            assertThat(channel.<Object>readInbound()).isEqualTo(expected(golden));
            assertFinished(channel);
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyGoldenPduDecodesFedByteByByte() {
        return GoldenHex.all().stream().map(golden -> DynamicTest.dynamicTest(golden.name(), () -> {
            EmbeddedChannel channel = frames.decoderChannel(golden.version());
            byte[] bytes = golden.bytes();
            for (int i = 0; i < bytes.length - 1; i++) {
                assertThat(channel.writeInbound(frames.buffer(new byte[] {bytes[i]}))).as("after byte %d", i)
                    .isFalse();
            }
            assertThat(channel.writeInbound(frames.buffer(new byte[] {bytes[bytes.length - 1]}))).isTrue();
            assertThat(channel.<Object>readInbound()).isEqualTo(expected(golden));
            assertFinished(channel);
        }));
    }

    @Test
    void twoPdusInOneBufferComeOutInOrder() {
        GoldenHex connect = GoldenHex.load("v30/connect_v30.hex");
        GoldenHex activeTest = GoldenHex.load("v30/active_test.hex");
        EmbeddedChannel channel = frames.decoderChannel(CmppVersion.V30);
        channel.writeInbound(frames.buffer(Frames.concat(List.of(connect.bytes(), activeTest.bytes()))));
        assertThat(channel.<Object>readInbound()).isInstanceOf(CmppConnect.class).isEqualTo(expected(connect));
        assertThat(channel.<Object>readInbound()).isEqualTo(new CmppActiveTest(5));
        assertFinished(channel);
    }

    @TestFactory
    Stream<DynamicTest> everyGoldenPduOfALinkInOneBufferComesOutInOrder() {
        return Stream.of(CmppVersion.values()).map(version -> DynamicTest.dynamicTest(version.label(), () -> {
            List<GoldenHex> goldens = GoldenHex.all().stream().filter(g -> g.version() == version).toList();
            EmbeddedChannel channel = frames.decoderChannel(version);
            channel.writeInbound(frames.buffer(Frames.concat(goldens.stream().map(GoldenHex::bytes).toList())));
            assertThat(Frames.drainInbound(channel)).containsExactlyElementsOf(expected(goldens));
            assertFinished(channel);
        }));
    }

    @Test
    void pdusSplitAtRandomPointsComeOutWhole() {
        List<GoldenHex> goldens = GoldenHex.all().stream().filter(g -> g.version() == CmppVersion.V30).toList();
        byte[] stream = Frames.concat(goldens.stream().map(GoldenHex::bytes).toList());
        Random random = new Random(24);
        for (int round = 0; round < 50; round++) {
            EmbeddedChannel channel = frames.decoderChannel(CmppVersion.V30);
            List<Object> decoded = new ArrayList<>();
            for (int at = 0; at < stream.length;) {
                int length = Math.min(stream.length - at, 1 + random.nextInt(300));
                byte[] chunk = new byte[length];
                System.arraycopy(stream, at, chunk, 0, length);
                channel.writeInbound(frames.buffer(chunk));
                decoded.addAll(Frames.drainInbound(channel));
                at += length;
            }
            assertThat(decoded).containsExactlyElementsOf(expected(goldens));
            assertFinished(channel);
        }
    }

    @Test
    void aBadPduFollowedByAGoodOneInTheSameBufferComeOutInOrder() {
        GoldenHex submit = GoldenHex.load("v30/submit_v30_single_ucs2.hex");
        GoldenHex activeTest = GoldenHex.load("v30/active_test.hex");
        byte[] bad = submit.withByte("DestUsr_tl", 0);
        EmbeddedChannel channel = frames.decoderChannel(CmppVersion.V30);
        assertThat(channel.writeInbound(frames.buffer(Frames.concat(List.of(bad, activeTest.bytes(), bad,
            submit.bytes()))))).isTrue();
        assertThat(channel.<Object>readInbound()).isInstanceOfSatisfying(CmppCodecException.class, e -> {
            assertThat(e.commandIdCode()).isEqualTo(0x00000004);
            assertThat(e.sequenceId()).isEqualTo(2);
            assertThat(e.knownCommand()).isTrue();
            assertThat(e).hasMessage("commandId=0x00000004, sequenceId=2 - DestUsr_tl: 0 (expected: 1..99)");
        });
        assertThat(channel.<Object>readInbound()).isEqualTo(new CmppActiveTest(5));
        assertThat(channel.<Object>readInbound()).isInstanceOf(CmppCodecException.class);
        assertThat(channel.<Object>readInbound()).isEqualTo(expected(submit));
        assertFinished(channel);
    }

    @Test
    void theLayoutCanSwitchVersionBetweenFrames() {
        CmppDecoder decoder = new CmppDecoder(CmppVersion.V30);
        EmbeddedChannel channel = frames.decoderChannel(decoder);
        GoldenHex v30 = GoldenHex.load("v30/submit_v30_single_ucs2.hex");
        GoldenHex v20 = GoldenHex.load("v20/submit_v20_single_ucs2.hex");
        channel.writeInbound(frames.buffer(v30.bytes()));
        decoder.version(CmppVersion.V20);
        assertThat(decoder.version()).isEqualTo(CmppVersion.V20);
        channel.writeInbound(frames.buffer(v20.bytes()));
        CmppSubmit first = channel.readInbound();
        CmppSubmit second = channel.readInbound();
        // the same message in the two layouts
        assertThat(first).isEqualTo(expected(v30)).isEqualTo(second);
        assertFinished(channel);
    }

    @Test
    void aSubmitInTheOtherVersionsLayoutIsABadBodyNotAFramingError() {
        EmbeddedChannel channel = frames.decoderChannel(CmppVersion.V20);
        channel.writeInbound(frames.buffer(GoldenHex.load("v30/submit_v30_single_ucs2.hex").bytes()));
        assertThat(channel.<Object>readInbound()).isInstanceOf(CmppCodecException.class);
        assertFinished(channel);
    }

    /** The PDU the golden file states, built with the record constructors (see {@link PduFromFields}). */
    static CmppPdu expected(GoldenHex golden) {
        return PduFromFields.build(golden.fields());
    }

    private static List<CmppPdu> expected(List<GoldenHex> goldens) {
        return goldens.stream().map(CmppDecoderTest::expected).toList();
    }

    private void assertFinished(EmbeddedChannel channel) {
        assertThat(channel.<Object>readInbound()).isNull();
        assertThat(channel.finish()).isFalse();
        frames.assertAllReleased();
    }
}
