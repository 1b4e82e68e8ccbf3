package org.cmppgw.cmpp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.pdu.CmppActiveTest;
import org.cmppgw.cmpp.pdu.CmppPdu;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a broken or hostile peer can send (docs/cmpp-protocol.md §2.1, §3; docs/design.md §10 rules 13–14). Broken
 * framing fails once with a framing exception and the rest of the stream is dropped; a bad body inside an intact frame
 * is reported in-band and the next PDU still decodes. Every test proves that no buffer was leaked or kept.
 */
class CmppDecoderHostileInputTest {
    private static final byte[] ACTIVE_TEST = Frames.frameBytes(0x00000008, 5, new byte[0]);

    private final Frames frames = new Frames();
    private EmbeddedChannel channel;

    @AfterEach
    void nothingLeftAndNothingLeaked() {
        if (channel != null) {
            assertThat(channel.<Object>readInbound()).isNull();
            assertThat(channel.finish()).isFalse();
        }
        frames.assertAllReleased();
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 4, 11})
    void totalLengthBelowTheHeaderIsCorruptAndTheRestOfTheStreamIsDropped(long totalLength) {
        channel = frames.decoderChannel(CmppVersion.V30);
        assertThatThrownBy(() -> channel.writeInbound(frames.lengthField(totalLength)))
            .isExactlyInstanceOf(CorruptedFrameException.class)
            .hasMessage("Total_Length: " + totalLength + " (expected: >= 12)");
        // The channel is closing: what still arrives is neither decoded nor reported again.
        assertThat(channel.writeInbound(frames.buffer(ACTIVE_TEST))).isFalse();
    }

    @Test
    void aPduBeforeACorruptLengthIsStillDelivered() {
        channel = frames.decoderChannel(CmppVersion.V30);
        byte[] stream = Frames.concat(List.of(ACTIVE_TEST, new byte[] {0, 0, 0, 3, 0, 0, 0, 8}));
        assertThatThrownBy(() -> channel.writeInbound(frames.buffer(stream)))
            .isExactlyInstanceOf(CorruptedFrameException.class);
        assertThat(channel.<Object>readInbound()).isEqualTo(new CmppActiveTest(5));
    }

    @ParameterizedTest
    @ValueSource(longs = {4097, 0x7FFFFFFFL, 0x80000000L, 0xFFFFFFFFL})
    void totalLengthAboveTheLimitFailsAsSoonAsTheLengthArrives(long totalLength) {
        channel = frames.decoderChannel(CmppVersion.V30);
        assertThatThrownBy(() -> channel.writeInbound(frames.lengthField(totalLength)))
            .isExactlyInstanceOf(TooLongFrameException.class)
            .hasMessageContaining(Long.toString(totalLength));
        // The announced body is never waited for nor buffered: each chunk is dropped and released on arrival.
        for (int i = 0; i < 64; i++) {
            ByteBuf chunk = frames.buffer(new byte[1024]);
            assertThat(channel.writeInbound(chunk)).isFalse();
            assertThat(chunk.refCnt()).as("chunk %d kept by the decoder", i).isZero();
        }
    }

    @Test
    void theFrameLimitIsInclusiveAndConfigurable() {
        channel = frames.decoderChannel(CmppVersion.V30);
        // 4096 bytes is a frame (here a bad one: an ACTIVE_TEST with a body), 4097 is not
        channel.writeInbound(frames.frame(0x00000008, 1, new byte[4096 - 12]));
        assertThat(channel.<Object>readInbound()).isInstanceOfSatisfying(CmppCodecException.class,
            e -> assertThat(e).hasMessageContaining("4084 bytes left after the body"));
        assertThat(channel.finish()).isFalse();

        channel = frames.decoderChannel(new CmppDecoder(CmppVersion.V30, 100));
        ByteBuf report = frames.buffer(GoldenHex.load("v30/deliver_v30_report_delivrd.hex").bytes());
        assertThatThrownBy(() -> channel.writeInbound(report)).isExactlyInstanceOf(TooLongFrameException.class);
        assertThatThrownBy(() -> new CmppDecoder(CmppVersion.V30, 11))
            .hasMessage("maxFrameLength: 11 (expected: >= 12)");
    }

    @TestFactory
    Stream<DynamicTest> aTruncatedFrameEmitsNothing() {
        return GoldenHex.all().stream().flatMap(golden -> Stream.of(1, golden.totalLength() / 2)
            .map(missing -> DynamicTest.dynamicTest(golden + " minus " + missing + " bytes", () -> {
                EmbeddedChannel ch = frames.decoderChannel(golden.version());
                byte[] bytes = golden.bytes();
                byte[] truncated = Arrays.copyOf(bytes, bytes.length - missing);
                assertThat(ch.writeInbound(frames.buffer(truncated))).isFalse();
                assertThat(ch.<Object>readInbound()).isNull();
                // closing discards the partial frame without decoding or reporting it
                assertThat(ch.finish()).isFalse();
                frames.assertAllReleased();
            })));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x00000009, 0x12345678, 0x00000003, 0x00000000, 0x80000009, 0x80000000, 0xFFFFFFFF})
    void anUnknownCommandIdIsReportedInBandAndTheNextPduStillDecodes(int commandId) {
        channel = frames.decoderChannel(CmppVersion.V30);
        byte[] unknown = Frames.frameBytes(commandId, 77, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertThat(channel.writeInbound(frames.buffer(Frames.concat(List.of(unknown, ACTIVE_TEST))))).isTrue();
        assertThat(channel.<Object>readInbound()).isInstanceOfSatisfying(CmppCodecException.class, e -> {
            assertThat(e.knownCommand()).isFalse();
            assertThat(e.commandIdCode()).isEqualTo(commandId);
            assertThat(e.sequenceId()).isEqualTo(77);
            assertThat(e).hasMessageContaining("unknown Command_Id");
            assertThatThrownBy(e::commandId).isInstanceOf(IllegalArgumentException.class);
        });
        assertThat(channel.<Object>readInbound()).isEqualTo(new CmppActiveTest(5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"v30/submit_v30_single_ucs2.hex", "v20/submit_v20_single_ucs2.hex"})
    void aSubmitWhoseMsgLengthDisagreesWithTheBodyIsReportedInBand(String file) {
        GoldenHex submit = GoldenHex.load(file);
        int msgLength = submit.field("Msg_Length").asInt();
        assertBadBodyThenGood(submit, submit.withByte("Msg_Length", msgLength + 1), "Msg_Length disagrees");
        assertBadBodyThenGood(submit, submit.withByte("Msg_Length", msgLength - 1), "Msg_Length disagrees");
        assertBadBodyThenGood(submit, submit.withByte("Msg_Length", 255), "Msg_Content: needs 255 bytes");
        assertBadBodyThenGood(submit, submit.withByte("Msg_Length", 0), "Msg_Length disagrees");
    }

    @ParameterizedTest
    @ValueSource(strings = {"v30/deliver_v30_mo_ucs2.hex", "v20/deliver_v20_mo_ucs2.hex"})
    void aDeliverWhoseMsgLengthDisagreesWithTheBodyIsReportedInBand(String file) {
        GoldenHex deliver = GoldenHex.load(file);
        int msgLength = deliver.field("Msg_Length").asInt();
        // Longer than what is left, or so short that more than a whole trailer would remain.
        assertBadBodyThenGood(deliver, deliver.withByte("Msg_Length", 255), "Msg_Content: needs 255 bytes");
        assertBadBodyThenGood(deliver, deliver.withByte("Msg_Length", msgLength - 1), "Msg_Length disagrees");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 100, 200, 255})
    void aSubmitWithAnImpossibleDestUsrTlIsReportedInBand(int destUsrTl) {
        for (String file : List.of("v30/submit_v30_single_ucs2.hex", "v20/submit_v20_single_ucs2.hex")) {
            GoldenHex submit = GoldenHex.load(file);
            assertBadBodyThenGood(submit, submit.withByte("DestUsr_tl", destUsrTl),
                "DestUsr_tl: " + destUsrTl + " (expected: 1..99)");
        }
    }

    @Test
    void aDestUsrTlCountingNumbersThatAreNotThereIsReportedInBand() {
        GoldenHex submit = GoldenHex.load("v30/submit_v30_single_ucs2.hex");
        assertBadBodyThenGood(submit, submit.withByte("DestUsr_tl", 99), "Dest_terminal_Id: needs 3168 bytes");
    }

    @Test
    void aDeliverWithRegisteredDeliveryTwoIsReportedInBand() {
        for (String file : List.of("v30/deliver_v30_mo_ucs2.hex", "v30/deliver_v30_report_delivrd.hex",
            "v20/deliver_v20_mo_ucs2.hex")) {
            GoldenHex deliver = GoldenHex.load(file);
            assertBadBodyThenGood(deliver, deliver.withByte("Registered_Delivery", 2),
                "Registered_Delivery: 2 (expected: 0 or 1)");
        }
    }

    @Test
    void aStatusReportOfNeitherSixtyNorSeventyOneBytesIsReportedInBand() {
        GoldenHex mo = GoldenHex.load("v30/deliver_v30_mo_ucs2.hex");
        assertBadBodyThenGood(mo, mo.withByte("Registered_Delivery", 1),
            "Msg_Length: 16 for a status report (expected: 60 or 71)");
    }

    @Test
    void headerOnlyCommandsWithABodyAreReportedInBand() {
        assertBadBodyThenGood(GoldenHex.load("v30/terminate.hex"), Frames.frameBytes(0x00000002, 6, new byte[4]),
            "4 bytes left after the body");
        assertBadBodyThenGood(GoldenHex.load("v30/active_test_resp.hex"),
            Frames.frameBytes(0x80000008, 5, new byte[2]), "1 bytes left after the body");
    }

    @Test
    void responsesOfNoKnownLayoutAreReportedInBand() {
        GoldenHex connectResp = GoldenHex.load("v30/connect_resp_v30_ok.hex");
        assertBadBodyThenGood(connectResp, Frames.frameBytes(0x80000001, 1, new byte[25]),
            "body: 25 bytes (expected: 18 for 2.0 or 21 for 3.0)");
        GoldenHex submitResp = GoldenHex.load("v30/submit_resp_v30_ok.hex");
        assertBadBodyThenGood(submitResp, Frames.frameBytes(0x80000004, 2, new byte[10]),
            "Result: 2 bytes (expected: 1 or 4)");
        assertBadBodyThenGood(submitResp, Frames.frameBytes(0x80000004, 2, new byte[5]), "body too short for 3.0");
        assertBadBodyThenGood(submitResp, Frames.frameBytes(0x80000007, 7, new byte[2]),
            "body: 2 bytes (expected: 1 or 4)");
    }

    /**
     * Feeds {@code bad} and the good golden PDU in one buffer: the bad frame comes out in-band as a
     * {@link CmppCodecException} carrying its header, then the good PDU, in stream order.
     */
    private void assertBadBodyThenGood(GoldenHex good, byte[] bad, String reason) {
        EmbeddedChannel ch = frames.decoderChannel(good.version());
        assertThat(ch.writeInbound(frames.buffer(Frames.concat(List.of(bad, good.bytes()))))).isTrue();
        int commandId = (bad[4] & 0xFF) << 24 | (bad[5] & 0xFF) << 16 | (bad[6] & 0xFF) << 8 | bad[7] & 0xFF;
        assertThat(ch.<Object>readInbound()).isInstanceOfSatisfying(CmppCodecException.class, e -> {
            assertThat(e).hasMessageContaining(reason);
            assertThat(e.knownCommand()).isTrue();
            assertThat(e.commandIdCode()).isEqualTo(commandId);
        });
        assertThat(ch.<Object>readInbound()).isInstanceOf(CmppPdu.class)
            .isEqualTo(PduFromFields.build(good.fields()));
        assertThat(ch.<Object>readInbound()).isNull();
        assertThat(ch.finish()).isFalse();
        frames.assertAllReleased();
    }
}
