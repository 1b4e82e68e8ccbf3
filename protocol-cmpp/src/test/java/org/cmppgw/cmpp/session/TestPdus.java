package org.cmppgw.cmpp.session;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.codec.CmppDecoder;
import org.cmppgw.cmpp.codec.CmppEncoder;
import org.cmppgw.cmpp.pdu.CmppDeliver;
import org.cmppgw.cmpp.pdu.CmppPdu;
import org.cmppgw.cmpp.pdu.CmppSubmit;
import org.cmppgw.cmpp.pdu.CmppSubmitResp;
import org.cmppgw.cmpp.pdu.MsgContent;
import org.cmppgw.cmpp.pdu.MsgFmt;
import org.cmppgw.cmpp.pdu.MsgId;
import org.cmppgw.cmpp.pdu.StatusReport;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Sample PDUs and byte helpers shared by the session tests. */
public final class TestPdus {
    public static final String ACCOUNT = "901234";
    public static final String SECRET = "secret";
    /** 2026-11-22 14:50:30 UTC = 22:50:30 in Beijing. */
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T14:50:30Z"), ZoneOffset.UTC);
    public static final MsgContent HELLO = MsgContent.of("hello".getBytes(StandardCharsets.UTF_16BE));

    private TestPdus() {
    }

    public static CmppSubmit submit(int sequenceId) {
        return CmppSubmit.builder().sequenceId(sequenceId).serviceId("TEST").msgSrc(ACCOUNT).srcId("106900001")
            .destTerminalId("13800138000").msgFmt(MsgFmt.UCS2.code()).msgContent(HELLO).build();
    }

    public static CmppSubmitResp submitResp(int sequenceId, long msgId) {
        return new CmppSubmitResp(sequenceId, new MsgId(msgId), CmppSubmitResp.RESULT_OK);
    }

    public static CmppDeliver report(int sequenceId, long reportedMsgId) {
        StatusReport report = new StatusReport(new MsgId(reportedMsgId), StatusReport.DELIVERED, "2611222250",
            "2611222251", "13800138000", 7);
        return CmppDeliver.report(sequenceId, new MsgId(0x1000L + sequenceId), "106900001", "TEST", report);
    }

    /** Encodes PDUs back to back into one buffer, as a peer writes them. */
    public static ByteBuf encode(CmppVersion version, CmppPdu... pdus) {
        ByteBuf out = Unpooled.buffer();
        for (CmppPdu pdu : pdus) {
            CmppEncoder.of(version).encode(pdu, out);
        }
        return out;
    }

    /** Splits a buffer of back-to-back frames into hex strings, one per frame. */
    public static List<String> frames(ByteBuf in) {
        List<String> frames = new ArrayList<>();
        while (in.isReadable()) {
            int length = in.getInt(in.readerIndex());
            frames.add(ByteBufUtil.hexDump(in.readSlice(length)));
        }
        return frames;
    }

    /** Decodes one frame given as hex. */
    public static Object decode(String frameHex, CmppVersion version) {
        ByteBuf frame = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(frameHex));
        try {
            return CmppDecoder.decodeFrame(frame, version);
        } finally {
            frame.release();
        }
    }
}
