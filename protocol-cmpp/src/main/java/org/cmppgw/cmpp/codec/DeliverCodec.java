package org.cmppgw.cmpp.codec;

import io.netty.buffer.ByteBuf;
import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.pdu.CmppDeliver;
import org.cmppgw.cmpp.pdu.CmppDeliverResp;
import org.cmppgw.cmpp.pdu.CmppSubmit;
import org.cmppgw.cmpp.pdu.DeliverPayload;
import org.cmppgw.cmpp.pdu.MsgContent;
import org.cmppgw.cmpp.pdu.MsgId;
import org.cmppgw.cmpp.pdu.StatusReport;

/**
 * CMPP_DELIVER (with the status report of §7.4) and CMPP_DELIVER_RESP bodies (docs/cmpp-protocol.md §7.3–§7.5).
 * Decoding tolerates the deviations of §15 #2 and #3: the report layout follows Msg_Length (60 or 71) whatever the link
 * version, and a short or missing LinkID/Reserve trailer is accepted. Encoding always writes the link's own layout.
 */
final class DeliverCodec {
    /** Msg_Id 8 + Dest_Id 21 + Service_Id 10 + TP_pid 1 + TP_udhi 1 + Msg_Fmt 1 (§7.3 fields 1–6). */
    private static final int HEAD_LENGTH = 8 + CmppDeliver.DEST_ID_LENGTH + CmppSubmit.SERVICE_ID_LENGTH + 3;
    private static final int REGISTERED_MO = 0;
    private static final int REGISTERED_REPORT = 1;

    private DeliverCodec() {
    }

    /** The fixed part before Msg_Content: 65 bytes on 2.0, 77 on 3.0. */
    static int fixedLength(CmppVersion version) {
        return HEAD_LENGTH + version.terminalIdLength() + (version.hasTerminalType() ? 1 : 0) + 2;
    }

    static int bodyLength(CmppDeliver pdu, CmppVersion version) {
        return fixedLength(version) + payloadLength(pdu.payload(), version) + version.trailerLength();
    }

    private static int payloadLength(DeliverPayload payload, CmppVersion version) {
        return payload instanceof MsgContent content ? content.length() : version.reportLength();
    }

    static void encode(CmppDeliver pdu, CmppVersion version, ByteBuf out) {
        out.writeLong(pdu.msgId().value());
        Octets.writeString(out, pdu.destId(), CmppDeliver.DEST_ID_LENGTH, "destId");
        Octets.writeString(out, pdu.serviceId(), CmppSubmit.SERVICE_ID_LENGTH, "serviceId");
        out.writeByte(pdu.tpPid());
        out.writeByte(pdu.tpUdhi());
        out.writeByte(pdu.msgFmt());
        Octets.writeString(out, pdu.srcTerminalId(), version.terminalIdLength(), "srcTerminalId");
        if (version.hasTerminalType()) {
            out.writeByte(pdu.srcTerminalType());
        }
        out.writeByte(pdu.registeredDelivery());
        out.writeByte(payloadLength(pdu.payload(), version));
        if (pdu.payload() instanceof StatusReport report) {
            encodeReport(report, version, out);
        } else {
            pdu.content().writeTo(out);
        }
        Octets.writeString(out, pdu.linkId(), version.trailerLength(), "linkId");
    }

    private static void encodeReport(StatusReport report, CmppVersion version, ByteBuf out) {
        out.writeLong(report.msgId().value());
        Octets.writeString(out, report.stat(), StatusReport.STAT_LENGTH, "stat");
        Octets.writeString(out, report.submitTime(), StatusReport.TIME_LENGTH, "submitTime");
        Octets.writeString(out, report.doneTime(), StatusReport.TIME_LENGTH, "doneTime");
        Octets.writeString(out, report.destTerminalId(), version.terminalIdLength(), "destTerminalId");
        out.writeInt((int) report.smscSequence());
    }

    static CmppDeliver decode(int sequenceId, CmppVersion version, ByteBuf body) {
        MsgId msgId = new MsgId(body.readLong());
        String destId = Octets.readString(body, CmppDeliver.DEST_ID_LENGTH);
        String serviceId = Octets.readString(body, CmppSubmit.SERVICE_ID_LENGTH);
        int tpPid = body.readUnsignedByte();
        int tpUdhi = body.readUnsignedByte();
        int msgFmt = body.readUnsignedByte();
        String srcTerminalId = Octets.readString(body, version.terminalIdLength());
        int srcTerminalType = version.hasTerminalType() ? body.readUnsignedByte() : 0;
        int registeredDelivery = body.readUnsignedByte();
        int msgLength = body.readUnsignedByte();
        SubmitCodec.requireReadable(body, msgLength, "Msg_Content");
        DeliverPayload payload = switch (registeredDelivery) {
            case REGISTERED_MO -> SubmitCodec.readContent(body, msgLength);
            case REGISTERED_REPORT -> decodeReport(body, msgLength);
            default -> throw new IllegalArgumentException(
                "Registered_Delivery: " + registeredDelivery + " (expected: 0 or 1)");
        };
        int trailer = body.readableBytes();
        if (trailer > version.trailerLength()) {
            throw new IllegalArgumentException("trailer: " + trailer + " bytes after Msg_Content (expected: at most "
                + version.trailerLength() + "); Msg_Length disagrees with the body");
        }
        String linkId = Octets.readString(body, trailer);
        return new CmppDeliver(sequenceId, msgId, destId, serviceId, tpPid, tpUdhi, msgFmt, srcTerminalId,
            srcTerminalType, payload, linkId);
    }

    private static StatusReport decodeReport(ByteBuf body, int msgLength) {
        int terminalIdLength;
        if (msgLength == CmppVersion.V30.reportLength()) {
            terminalIdLength = CmppVersion.V30.terminalIdLength();
        } else if (msgLength == CmppVersion.V20.reportLength()) {
            terminalIdLength = CmppVersion.V20.terminalIdLength();
        } else {
            throw new IllegalArgumentException(
                "Msg_Length: " + msgLength + " for a status report (expected: 60 or 71)");
        }
        MsgId msgId = new MsgId(body.readLong());
        String stat = Octets.readString(body, StatusReport.STAT_LENGTH);
        String submitTime = Octets.readString(body, StatusReport.TIME_LENGTH);
        String doneTime = Octets.readString(body, StatusReport.TIME_LENGTH);
        String destTerminalId = Octets.readString(body, terminalIdLength);
        long smscSequence = body.readUnsignedInt();
        return new StatusReport(msgId, stat, submitTime, doneTime, destTerminalId, smscSequence);
    }

    static int respBodyLength(CmppVersion version) {
        return SubmitCodec.MSG_ID_LENGTH + version.resultLength();
    }

    static void encode(CmppDeliverResp pdu, CmppVersion version, ByteBuf out) {
        out.writeLong(pdu.msgId().value());
        Octets.writeUnsigned(out, pdu.result(), version.resultLength());
    }

    static CmppDeliverResp decodeResp(int sequenceId, ByteBuf body) {
        MsgId msgId = new MsgId(body.readLong());
        return new CmppDeliverResp(sequenceId, msgId, SubmitCodec.readResult(body));
    }
}
