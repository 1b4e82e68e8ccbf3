package org.cmppgw.cmpp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.EncoderException;
import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.auth.Authenticator;
import org.cmppgw.cmpp.pdu.CmppActiveTest;
import org.cmppgw.cmpp.pdu.CmppActiveTestResp;
import org.cmppgw.cmpp.pdu.CmppCancel;
import org.cmppgw.cmpp.pdu.CmppCancelResp;
import org.cmppgw.cmpp.pdu.CmppConnect;
import org.cmppgw.cmpp.pdu.CmppConnectResp;
import org.cmppgw.cmpp.pdu.CmppDeliver;
import org.cmppgw.cmpp.pdu.CmppDeliverResp;
import org.cmppgw.cmpp.pdu.CmppPdu;
import org.cmppgw.cmpp.pdu.CmppQuery;
import org.cmppgw.cmpp.pdu.CmppQueryResp;
import org.cmppgw.cmpp.pdu.CmppSubmit;
import org.cmppgw.cmpp.pdu.CmppSubmitResp;
import org.cmppgw.cmpp.pdu.CmppTerminate;
import org.cmppgw.cmpp.pdu.CmppTerminateResp;
import org.cmppgw.cmpp.pdu.MsgContent;
import org.cmppgw.cmpp.pdu.MsgId;
import org.cmppgw.cmpp.pdu.StatusReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link CmppEncoder} in a pipeline: golden bytes from PDUs built from the stated field values, buffers of exactly
 * Total_Length (docs/design.md §10 rule 11), the §2.1 size table, and values a link cannot carry refused before a byte
 * is written.
 */
class CmppEncoderTest {
    private static final String LONG_NUMBER = "86138001380001234567890123456789";
    private final UnpooledByteBufAllocator alloc = new UnpooledByteBufAllocator(false);

    @AfterEach
    void nothingLeaked() {
        assertThat(alloc.metric().usedHeapMemory()).isZero();
        assertThat(alloc.metric().usedDirectMemory()).isZero();
    }

    @TestFactory
    Stream<DynamicTest> everyCanonicalGoldenPduEncodesToItsBytesInABufferOfExactlyTotalLength() {
        return GoldenHex.canonical().stream().map(golden -> DynamicTest.dynamicTest(golden.name(), () -> {
            EmbeddedChannel channel = encoderChannel(golden.version());
            assertThat(channel.writeOutbound(PduFromFields.build(golden.fields()))).isTrue();
            ByteBuf out = channel.readOutbound();
            try {
                assertThat(ByteBufUtil.hexDump(out)).isEqualTo(golden.hex());
                assertThat(out.capacity()).isEqualTo(golden.totalLength());
                assertThat(out.maxCapacity()).isEqualTo(golden.totalLength());
            } finally {
                out.release();
            }
            assertFinished(channel);
        }));
    }

    @Test
    void encodeWithAnAllocatorGivesAnExactSizeBufferTheCallerOwns() {
        GoldenHex golden = GoldenHex.load("v30/submit_v30_long_ucs2_part1.hex");
        ByteBuf out = CmppEncoder.V30.encode(alloc, PduFromFields.build(golden.fields()));
        try {
            assertThat(out.capacity()).isEqualTo(335).isEqualTo(out.readableBytes());
            assertThat(ByteBufUtil.hexDump(out)).isEqualTo(golden.hex());
        } finally {
            out.release();
        }
    }

    @Test
    void severalPdusGiveOneBufferEachInOrder() {
        EmbeddedChannel channel = encoderChannel(CmppVersion.V20);
        channel.writeOutbound(new CmppActiveTest(5), new CmppActiveTestResp(5), new CmppTerminate(6));
        for (String file : List.of("v20/active_test.hex", "v20/active_test_resp.hex", "v20/terminate.hex")) {
            ByteBuf out = channel.readOutbound();
            assertThat(ByteBufUtil.hexDump(out)).isEqualTo(GoldenHex.load(file).hex());
            out.release();
        }
        assertFinished(channel);
    }

    @Test
    void oneSharableInstancePerVersion() {
        assertThat(CmppEncoder.V20.isSharable()).isTrue();
        assertThat(CmppEncoder.of(CmppVersion.V20)).isSameAs(CmppEncoder.V20);
        assertThat(CmppEncoder.of(CmppVersion.V30)).isSameAs(CmppEncoder.V30);
        assertThat(CmppEncoder.V30.version()).isEqualTo(CmppVersion.V30);
        EmbeddedChannel first = encoderChannel(CmppVersion.V30);
        EmbeddedChannel second = encoderChannel(CmppVersion.V30);
        first.writeOutbound(new CmppTerminate(1));
        second.writeOutbound(new CmppTerminate(2));
        ByteBuf a = first.readOutbound();
        ByteBuf b = second.readOutbound();
        assertThat(a.getInt(8)).isEqualTo(1);
        assertThat(b.getInt(8)).isEqualTo(2);
        a.release();
        b.release();
        assertFinished(first);
        assertFinished(second);
    }

    @Test
    void aTerminalIdTooWideForA20LinkFailsWithoutWritingAnything() {
        CmppSubmit submit = CmppSubmit.builder().sequenceId(2).serviceId("TEST").msgSrc("901234")
            .srcId("1069000001").destTerminalId(LONG_NUMBER).msgContent(MsgContent.ofHex("0041")).build();
        EmbeddedChannel channel = encoderChannel(CmppVersion.V20);
        assertThatThrownBy(() -> channel.writeOutbound(submit)).isInstanceOf(EncoderException.class)
            .hasMessageContaining("CMPP_SUBMIT seq=2 - cannot be written on a 2.0 link")
            .hasMessageContaining("destTerminalIds: \"" + LONG_NUMBER + "\" (expected: at most 21 characters");
        assertFinished(channel);

        // the same PDU fits a 3.0 link
        EmbeddedChannel v30 = encoderChannel(CmppVersion.V30);
        assertThat(v30.writeOutbound(submit)).isTrue();
        ByteBuf out = v30.readOutbound();
        assertThat(out.readableBytes()).isEqualTo(163 + 32 + 2);
        out.release();
        assertFinished(v30);
    }

    @Test
    void valuesTooWideForA20LinkAreRefused() {
        StatusReport report = new StatusReport(MsgId.ZERO, "DELIVRD", "", "", LONG_NUMBER, 0);
        assertRefusedOn20(CmppDeliver.report(1, MsgId.ZERO, "1069000001", "TEST", report),
            "TerminalId: \"" + LONG_NUMBER);
        assertRefusedOn20(new CmppSubmitResp(2, MsgId.ZERO, 256), "value: 256 (expected: 0..255 in a 1-byte field)");
        assertRefusedOn20(new CmppDeliverResp(2, MsgId.ZERO, 300), "value: 300");
        assertRefusedOn20(new CmppConnectResp(1, 1000, Authenticator.ZERO, 0x20), "value: 1000");
        assertRefusedOn20(new CmppCancelResp(7, 256), "value: 256");
        CmppSubmit linked = CmppSubmit.builder().sequenceId(2).destTerminalId("13800138000")
            .linkId("LK20251121225200001").build();
        assertRefusedOn20(linked, "linkId: \"LK20251121225200001\" (expected: at most 8 characters");
    }

    @Test
    void aFailedEncodeLeavesTheTargetBufferAsItWas() {
        ByteBuf out = alloc.heapBuffer(64);
        out.writeByte(0x7E);
        assertThatThrownBy(() -> CmppEncoder.V20.encode(new CmppSubmitResp(2, MsgId.ZERO, 256), out))
            .isInstanceOf(EncoderException.class);
        assertThat(out.writerIndex()).isEqualTo(1);
        out.release();
        assertThatThrownBy(() -> CmppEncoder.V20.encode(alloc, new CmppSubmitResp(2, MsgId.ZERO, 256)))
            .isInstanceOf(EncoderException.class);
    }

    @Test
    void totalLengthsFollowTheSizeTableOfSection2Point1() {
        MsgContent l = MsgContent.ofHex("00410042");
        CmppSubmit one = CmppSubmit.builder().destTerminalId("13800138000").msgContent(l).build();
        CmppSubmit three = one.toBuilder().destTerminalIds(List.of("1", "2", "3")).build();
        CmppDeliver mo = new CmppDeliver(1, MsgId.ZERO, "", "", 0, 0, 8, "", 0, l, "");
        CmppDeliver report = CmppDeliver.report(1, MsgId.ZERO, "", "", new StatusReport(MsgId.ZERO, "", "", "", "",
            0));
        Authenticator auth = Authenticator.ZERO;
        assertSizes(new CmppConnect(1, "901234", auth, 0x30, 0), 39, 39);
        assertSizes(new CmppConnectResp(1, 0, auth, 0x30), 30, 33);
        assertSizes(new CmppTerminate(1), 12, 12);
        assertSizes(new CmppTerminateResp(1), 12, 12);
        assertSizes(one, 138 + 21 + 4, 163 + 32 + 4);
        assertSizes(three, 138 + 3 * 21 + 4, 163 + 3 * 32 + 4);
        assertSizes(new CmppSubmitResp(1, MsgId.ZERO, 0), 21, 24);
        assertSizes(mo, 85 + 4, 109 + 4);
        assertSizes(report, 85 + 60, 109 + 71);
        assertSizes(new CmppDeliverResp(1, MsgId.ZERO, 0), 21, 24);
        assertSizes(new CmppQuery(1, "", 0, "", ""), 39, 39);
        assertSizes(new CmppQueryResp(1, "", 0, "", 0, 0, 0, 0, 0, 0, 0, 0), 63, 63);
        assertSizes(new CmppCancel(1, MsgId.ZERO), 20, 20);
        assertSizes(new CmppCancelResp(1, 0), 13, 16);
        assertSizes(new CmppActiveTest(1), 12, 12);
        assertSizes(new CmppActiveTestResp(1), 13, 13);
    }

    @Test
    void theLargestLegalPduFitsTheFrameLimit() {
        CmppSubmit largest = CmppSubmit.builder().destTerminalIds(Collections.nCopies(99, LONG_NUMBER))
            .msgContent(MsgContent.of(new byte[159])).build();
        assertThat(CmppEncoder.V30.totalLength(largest)).isEqualTo(3490)
            .isLessThanOrEqualTo(CmppDecoder.DEFAULT_MAX_FRAME_LENGTH);
        ByteBuf out = CmppEncoder.V30.encode(alloc, largest);
        EmbeddedChannel decoder = new EmbeddedChannel(new CmppDecoder(CmppVersion.V30));
        decoder.writeInbound(out);
        assertThat(decoder.<Object>readInbound()).isEqualTo(largest);
        assertThat(decoder.finish()).isFalse();
    }

    @Test
    void nonPduMessagesPassThroughUntouched() {
        EmbeddedChannel channel = encoderChannel(CmppVersion.V30);
        ByteBuf raw = Unpooled.wrappedBuffer(new byte[] {1, 2, 3});
        channel.writeOutbound(raw);
        ByteBuf out = channel.readOutbound();
        assertThat(out).isSameAs(raw);
        out.release();
        assertFinished(channel);
    }

    private void assertSizes(CmppPdu pdu, int v20, int v30) {
        assertThat(CmppEncoder.V20.totalLength(pdu)).as("%s on 2.0", pdu.commandId()).isEqualTo(v20);
        assertThat(CmppEncoder.V30.totalLength(pdu)).as("%s on 3.0", pdu.commandId()).isEqualTo(v30);
        for (CmppEncoder encoder : List.of(CmppEncoder.V20, CmppEncoder.V30)) {
            ByteBuf out = encoder.encode(alloc, pdu);
            assertThat(out.readableBytes()).isEqualTo(out.capacity()).isEqualTo(out.getInt(0))
                .isEqualTo(encoder.totalLength(pdu));
            out.release();
        }
    }

    private void assertRefusedOn20(CmppPdu pdu, String reason) {
        EmbeddedChannel channel = encoderChannel(CmppVersion.V20);
        assertThatThrownBy(() -> channel.writeOutbound(pdu)).isInstanceOf(EncoderException.class)
            .hasMessageContaining(reason);
        assertFinished(channel);
    }

    private EmbeddedChannel encoderChannel(CmppVersion version) {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.config().setAllocator(alloc);
        channel.pipeline().addLast(CmppEncoder.of(version));
        return channel;
    }

    private static void assertFinished(EmbeddedChannel channel) {
        assertThat(channel.<Object>readOutbound()).isNull();
        assertThat(channel.<Object>readInbound()).isNull();
        assertThat(channel.finish()).isFalse();
    }
}
