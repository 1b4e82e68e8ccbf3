package org.cmppgw.cmpp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.auth.Authenticator;
import org.cmppgw.cmpp.pdu.CmppActiveTestResp;
import org.cmppgw.cmpp.pdu.CmppConnectResp;
import org.cmppgw.cmpp.pdu.CmppDeliver;
import org.cmppgw.cmpp.pdu.CmppPdu;
import org.cmppgw.cmpp.pdu.CmppSubmitResp;
import org.cmppgw.cmpp.pdu.MsgContent;
import org.cmppgw.cmpp.pdu.MsgId;
import org.cmppgw.cmpp.pdu.StatusReport;
import org.cmppgw.cmpp.tool.PduFields;
import org.cmppgw.cmpp.tool.WireLayout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The carrier deviations of docs/cmpp-protocol.md §15 (golden files {@code quirk_*}): the decoder accepts them, and the
 * encoder writes the link's canonical layout instead. Each expected value below is read off the spec, not off the
 * decoder.
 */
class CarrierQuirksTest {
    private static final Authenticator SOURCE = Authenticator.ofHex("ff90ac9be32cd5fe919779fcdc3b2c48");
    private static final MsgId SUBMIT_RESP_ID = MsgId.of(11, 21, 22, 50, 31, 79101, 1);
    private static final MsgId REPORT_DELIVER_ID = MsgId.of(11, 21, 22, 51, 5, 79101, 7);
    private static final MsgId MO_ID = MsgId.of(11, 21, 22, 52, 0, 79101, 0x1234);
    private static final MsgContent MO_TEXT = MsgContent.ofHex("65365230ff0c8c228c22002000540044");

    private final UnpooledByteBufAllocator alloc = new UnpooledByteBufAllocator(false);

    @AfterEach
    void nothingLeaked() {
        assertThat(alloc.metric().usedHeapMemory()).isZero();
    }

    @Test
    void connectRespInThe20LayoutOnA30Link() {
        GoldenHex quirk = GoldenHex.load("v30/quirk_connect_resp_v20_layout.hex");
        CmppConnectResp resp = (CmppConnectResp) decode(quirk);
        assertThat(resp.isOk()).isTrue();
        assertThat(resp.version()).isEqualTo(0x20);
        assertThat(resp.authenticatorIsmg()).isEqualTo(Authenticator.ismg(0, CmppVersion.V20, SOURCE, "secret"));
        // written back in the 3.0 layout: 4-byte Status, 33 bytes
        assertThat(encode(resp, CmppVersion.V30)).isEqualTo("00000021" + "80000001" + "00000001" + "00000000"
            + resp.authenticatorIsmg().toHex() + "20");
    }

    @Test
    void connectRespInThe30LayoutOnA20Link() {
        GoldenHex quirk = GoldenHex.load("v20/quirk_connect_resp_v30_layout.hex");
        CmppConnectResp resp = (CmppConnectResp) decode(quirk);
        assertThat(resp).isEqualTo(new CmppConnectResp(1, 0, Authenticator.ofHex("f424c28c8a84b37d50f53dee6b9aa1b1"),
            0x30));
        assertThat(encode(resp, CmppVersion.V20)).isEqualTo("0000001e" + "80000001" + "00000001" + "00"
            + "f424c28c8a84b37d50f53dee6b9aa1b1" + "30");
    }

    @Test
    void sixtyByteStatusReportOnA30Link() {
        CmppDeliver deliver = (CmppDeliver) decode(GoldenHex.load("v30/quirk_deliver_report_60_bytes.hex"));
        assertThat(deliver.isReport()).isTrue();
        assertThat(deliver.report()).isEqualTo(new StatusReport(SUBMIT_RESP_ID, "DELIVRD", "2511212250",
            "2511212251", "13800138000", 123456));
        assertThat(deliver.msgId()).isEqualTo(REPORT_DELIVER_ID);
        assertThat(deliver.linkId()).isEmpty();
        // the canonical 3.0 form is the shared vector: 71-byte report, 180 bytes
        assertThat(encode(deliver, CmppVersion.V30)).isEqualTo(GoldenHex.load("v30/deliver_v30_report_delivrd.hex")
            .hex());
    }

    @Test
    void seventyOneByteStatusReportOnA20Link() {
        CmppDeliver deliver = (CmppDeliver) decode(GoldenHex.load("v20/quirk_deliver_report_71_bytes.hex"));
        assertThat(deliver.report()).isEqualTo(new StatusReport(SUBMIT_RESP_ID, "DELIVRD", "2511212250",
            "2511212251", "13800138000", 123456));
        assertThat(encode(deliver, CmppVersion.V20)).isEqualTo(GoldenHex.load("v20/deliver_v20_report_delivrd.hex")
            .hex());
    }

    @Test
    void moDeliverWithoutLinkIdOnA30Link() {
        GoldenHex quirk = GoldenHex.load("v30/quirk_deliver_mo_no_linkid.hex");
        CmppDeliver deliver = (CmppDeliver) decode(quirk);
        assertThat(deliver.content()).isEqualTo(MO_TEXT);
        assertThat(deliver.msgId()).isEqualTo(MO_ID);
        assertThat(deliver.destId()).isEqualTo("10690000011234");
        assertThat(deliver.linkId()).isEmpty();
        // written back with an empty 20-byte LinkID
        String encoded = encode(deliver, CmppVersion.V30);
        assertThat(encoded).hasSize(2 * 125).startsWith("0000007d")
            .isEqualTo("0000007d" + quirk.hex().substring(8) + "00".repeat(20));
    }

    @Test
    void activeTestRespWithoutItsReservedByte() {
        GoldenHex quirk = GoldenHex.load("v30/quirk_active_test_resp_12_bytes.hex");
        CmppActiveTestResp resp = (CmppActiveTestResp) decode(quirk);
        assertThat(resp).isEqualTo(new CmppActiveTestResp(5, 0));
        assertThat(encode(resp, CmppVersion.V30)).isEqualTo(GoldenHex.load("v30/active_test_resp.hex").hex());
    }

    @Test
    void tpUdhiFortyHexMeansAUdhToo() {
        GoldenHex quirk = GoldenHex.load("v30/quirk_deliver_tp_udhi_0x40.hex");
        CmppDeliver deliver = (CmppDeliver) decode(quirk);
        assertThat(deliver.tpUdhi()).isEqualTo(0x40);
        assertThat(deliver.hasUdh()).isTrue();
        assertThat(deliver.content().toHex()).startsWith("0500035a0201");
        // The layout is already canonical. The encoder writes the value the record holds; choosing 1 for what we
        // send is the sender's job (§9.2), so a relayed PDU is not altered.
        assertThat(encode(deliver, CmppVersion.V30)).isEqualTo(quirk.hex());
    }

    @Test
    void shortNulPaddedStatAndPlaceholderTimes() {
        GoldenHex quirk = GoldenHex.load("v30/quirk_deliver_report_stat_af4.hex");
        StatusReport report = ((CmppDeliver) decode(quirk)).report();
        assertThat(report.stat()).isEqualTo("AF:4");
        assertThat(report.submitTime()).isEqualTo("0001010000");
        assertThat(report.doneTime()).isEqualTo("0001010000");
        assertThat(report.delivered()).isFalse();
        assertThat(report.isFinal()).isTrue();
        assertThat(encode(decode(quirk), CmppVersion.V30)).isEqualTo(quirk.hex());
    }

    @Test
    void spacePaddedOctetStringsLoseTheirSpacesButKeepLeadingZeros() {
        GoldenHex quirk = GoldenHex.load("v30/quirk_deliver_space_padded_octets.hex");
        CmppDeliver deliver = (CmppDeliver) decode(quirk);
        assertThat(deliver.destId()).isEqualTo("10690000011234");
        assertThat(deliver.serviceId()).isEqualTo("000TEST");
        assertThat(deliver.srcTerminalId()).isEqualTo("13800138000");
        assertThat(deliver.linkId()).isEqualTo("LK2025");
        // written back NUL-padded (§2), at the same offsets
        String encoded = encode(deliver, CmppVersion.V30);
        assertThat(field(encoded, quirk, "Dest_Id", 21)).isEqualTo(hex("10690000011234") + "00".repeat(7));
        assertThat(field(encoded, quirk, "Service_Id", 10)).isEqualTo(hex("000TEST") + "00".repeat(3));
        assertThat(field(encoded, quirk, "Src_terminal_Id", 32)).isEqualTo(hex("13800138000") + "00".repeat(21));
        assertThat(field(encoded, quirk, "LinkID", 20)).isEqualTo(hex("LK2025") + "00".repeat(14));
        assertThat(encoded).hasSameSizeAs(quirk.hex()).doesNotContain("2020");
    }

    @Test
    void submitRespInThe20LayoutOnA30Link() {
        CmppSubmitResp resp = (CmppSubmitResp) decode(GoldenHex.load("v30/quirk_submit_resp_v20_layout.hex"));
        assertThat(resp).isEqualTo(new CmppSubmitResp(2, SUBMIT_RESP_ID, 0));
        assertThat(encode(resp, CmppVersion.V30)).isEqualTo(GoldenHex.load("v30/submit_resp_v30_ok.hex").hex());
    }

    @TestFactory
    Stream<DynamicTest> everyQuirkHasATestAbove() {
        Set<String> covered = Set.of("quirk_connect_resp_v20_layout", "quirk_connect_resp_v30_layout",
            "quirk_deliver_report_60_bytes", "quirk_deliver_report_71_bytes", "quirk_deliver_mo_no_linkid",
            "quirk_active_test_resp_12_bytes", "quirk_deliver_tp_udhi_0x40", "quirk_deliver_report_stat_af4",
            "quirk_deliver_space_padded_octets", "quirk_submit_resp_v20_layout");
        List<GoldenHex> quirks = GoldenHex.quirks();
        assertThat(quirks.stream().map(GoldenHex::id)).containsExactlyInAnyOrderElementsOf(covered);
        return quirks.stream().map(q -> DynamicTest.dynamicTest(q.name(), () -> {
            assertThat(q.source()).contains("§15");
            // rendered with the frame's own layout, every field is what the file states was on the wire
            CmppPdu pdu = decode(q);
            WireLayout layout = WireLayout.of(q.bytes(), pdu, q.version());
            assertThat(GoldenVectorsTest.rendered(PduFields.of(pdu, q.version(), layout)))
                .containsExactlyElementsOf(GoldenVectorsTest.stated(q.fields()));
            assertThat(layout.variants()).isNotEmpty();
            // the canonical form the encoder writes instead decodes to the same values
            ByteBuf canonical = CmppEncoder.of(q.version()).encode(alloc, pdu);
            try {
                assertThat(CmppDecoder.decodeFrame(canonical, q.version())).isEqualTo(pdu);
            } finally {
                canonical.release();
            }
        }));
    }

    private static CmppPdu decode(GoldenHex golden) {
        ByteBuf frame = Unpooled.wrappedBuffer(golden.bytes());
        try {
            Object decoded = CmppDecoder.decodeFrame(frame, golden.version());
            assertThat(decoded).as(golden.name()).isInstanceOf(CmppPdu.class);
            return (CmppPdu) decoded;
        } finally {
            frame.release();
        }
    }

    private String encode(CmppPdu pdu, CmppVersion version) {
        ByteBuf out = CmppEncoder.of(version).encode(alloc, pdu);
        try {
            return ByteBufUtil.hexDump(out);
        } finally {
            out.release();
        }
    }

    private static String hex(String ascii) {
        return HexFormat.of().formatHex(ascii.getBytes(StandardCharsets.US_ASCII));
    }

    /** The hex of {@code width} bytes of {@code encoded} where {@code golden} states {@code name}. */
    private static String field(String encoded, GoldenHex golden, String name, int width) {
        int at = 2 * golden.offset(name);
        return encoded.substring(at, at + 2 * width);
    }
}
