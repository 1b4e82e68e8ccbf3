package org.cmppgw.cmpp.codec;

import io.netty.buffer.ByteBuf;
import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.pdu.CmppSubmit;
import org.cmppgw.cmpp.pdu.CmppSubmitResp;
import org.cmppgw.cmpp.pdu.MsgContent;
import org.cmppgw.cmpp.pdu.MsgId;

import java.util.ArrayList;
import java.util.List;

/** CMPP_SUBMIT and CMPP_SUBMIT_RESP bodies (docs/cmpp-protocol.md §7.1, §7.2). */
final class SubmitCodec {
    /** Msg_Id 8. */
    static final int MSG_ID_LENGTH = 8;
    /**
     * The fields before the destinations that both versions share, in bytes: Msg_Id 8, Pk_total 1, Pk_number 1,
     * Registered_Delivery 1, Msg_level 1, Service_Id 10, Fee_UserType 1, TP_pId 1, TP_udhi 1, Msg_Fmt 1, Msg_src 6,
     * FeeType 2, FeeCode 6, ValId_Time 17, At_Time 17, Src_Id 21, DestUsr_tl 1 (§7.1 table).
     */
    private static final int COMMON_FIXED_LENGTH = MSG_ID_LENGTH + 4 + CmppSubmit.SERVICE_ID_LENGTH + 1 + 3
        + CmppSubmit.MSG_SRC_LENGTH + CmppSubmit.FEE_TYPE_LENGTH + CmppSubmit.FEE_CODE_LENGTH
        + 2 * CmppSubmit.TIME_LENGTH + CmppSubmit.SRC_ID_LENGTH + 1;

    private SubmitCodec() {
    }

    /** The fixed part before Dest_terminal_Id: 117 bytes on 2.0, 129 on 3.0. */
    static int fixedLength(CmppVersion version) {
        return COMMON_FIXED_LENGTH + version.terminalIdLength() + (version.hasTerminalType() ? 1 : 0);
    }

    static int bodyLength(CmppSubmit pdu, CmppVersion version) {
        int terminalType = version.hasTerminalType() ? 1 : 0;
        return fixedLength(version) + pdu.destTerminalIds().size() * version.terminalIdLength() + terminalType
            + 1 + pdu.msgContent().length() + version.trailerLength();
    }

    static void encode(CmppSubmit pdu, CmppVersion version, ByteBuf out) {
        int terminalIdLength = version.terminalIdLength();
        out.writeLong(pdu.msgId().value());
        out.writeByte(pdu.pkTotal());
        out.writeByte(pdu.pkNumber());
        out.writeByte(pdu.registeredDelivery());
        out.writeByte(pdu.msgLevel());
        Octets.writeString(out, pdu.serviceId(), CmppSubmit.SERVICE_ID_LENGTH, "serviceId");
        out.writeByte(pdu.feeUserType());
        Octets.writeString(out, pdu.feeTerminalId(), terminalIdLength, "feeTerminalId");
        if (version.hasTerminalType()) {
            out.writeByte(pdu.feeTerminalType());
        }
        out.writeByte(pdu.tpPid());
        out.writeByte(pdu.tpUdhi());
        out.writeByte(pdu.msgFmt());
        Octets.writeString(out, pdu.msgSrc(), CmppSubmit.MSG_SRC_LENGTH, "msgSrc");
        Octets.writeString(out, pdu.feeType(), CmppSubmit.FEE_TYPE_LENGTH, "feeType");
        Octets.writeString(out, pdu.feeCode(), CmppSubmit.FEE_CODE_LENGTH, "feeCode");
        Octets.writeString(out, pdu.validTime(), CmppSubmit.TIME_LENGTH, "validTime");
        Octets.writeString(out, pdu.atTime(), CmppSubmit.TIME_LENGTH, "atTime");
        Octets.writeString(out, pdu.srcId(), CmppSubmit.SRC_ID_LENGTH, "srcId");
        List<String> destinations = pdu.destTerminalIds();
        out.writeByte(destinations.size());
        for (int i = 0; i < destinations.size(); i++) {
            Octets.writeString(out, destinations.get(i), terminalIdLength, "destTerminalIds");
        }
        if (version.hasTerminalType()) {
            out.writeByte(pdu.destTerminalType());
        }
        out.writeByte(pdu.msgContent().length());
        pdu.msgContent().writeTo(out);
        Octets.writeString(out, pdu.linkId(), version.trailerLength(), "linkId");
    }

    static CmppSubmit decode(int sequenceId, CmppVersion version, ByteBuf body) {
        int terminalIdLength = version.terminalIdLength();
        CmppSubmit.Builder b = CmppSubmit.builder().sequenceId(sequenceId)
            .msgId(new MsgId(body.readLong()))
            .pkTotal(body.readUnsignedByte())
            .pkNumber(body.readUnsignedByte())
            .registeredDelivery(body.readUnsignedByte())
            .msgLevel(body.readUnsignedByte())
            .serviceId(Octets.readString(body, CmppSubmit.SERVICE_ID_LENGTH))
            .feeUserType(body.readUnsignedByte())
            .feeTerminalId(Octets.readString(body, terminalIdLength));
        if (version.hasTerminalType()) {
            b.feeTerminalType(body.readUnsignedByte());
        }
        b.tpPid(body.readUnsignedByte())
            .tpUdhi(body.readUnsignedByte())
            .msgFmt(body.readUnsignedByte())
            .msgSrc(Octets.readString(body, CmppSubmit.MSG_SRC_LENGTH))
            .feeType(Octets.readString(body, CmppSubmit.FEE_TYPE_LENGTH))
            .feeCode(Octets.readString(body, CmppSubmit.FEE_CODE_LENGTH))
            .validTime(Octets.readString(body, CmppSubmit.TIME_LENGTH))
            .atTime(Octets.readString(body, CmppSubmit.TIME_LENGTH))
            .srcId(Octets.readString(body, CmppSubmit.SRC_ID_LENGTH));
        int destCount = body.readUnsignedByte();
        if (destCount == 0 || destCount > CmppSubmit.MAX_DESTINATIONS) {
            throw new IllegalArgumentException("DestUsr_tl: " + destCount + " (expected: 1..99)");
        }
        // Checked before the loop so a lying DestUsr_tl cannot make us allocate for numbers that are not there.
        requireReadable(body, destCount * terminalIdLength, "Dest_terminal_Id");
        List<String> destinations = new ArrayList<>(destCount);
        for (int i = 0; i < destCount; i++) {
            destinations.add(Octets.readString(body, terminalIdLength));
        }
        b.destTerminalIds(destinations);
        if (version.hasTerminalType()) {
            b.destTerminalType(body.readUnsignedByte());
        }
        b.msgContent(readContent(body, body.readUnsignedByte()));
        if (body.readableBytes() != version.trailerLength()) {
            throw new IllegalArgumentException("trailer: " + body.readableBytes()
                + " bytes after Msg_Content (expected: " + version.trailerLength()
                + "); Msg_Length disagrees with the body");
        }
        b.linkId(Octets.readString(body, version.trailerLength()));
        return b.build();
    }

    static int respBodyLength(CmppVersion version) {
        return MSG_ID_LENGTH + version.resultLength();
    }

    static void encode(CmppSubmitResp pdu, CmppVersion version, ByteBuf out) {
        out.writeLong(pdu.msgId().value());
        Octets.writeUnsigned(out, pdu.result(), version.resultLength());
    }

    /** Result width from the body length (9 or 12), so a peer answering in the other layout is still understood. */
    static CmppSubmitResp decodeResp(int sequenceId, ByteBuf body) {
        MsgId msgId = new MsgId(body.readLong());
        return new CmppSubmitResp(sequenceId, msgId, readResult(body));
    }

    static long readResult(ByteBuf body) {
        int width = body.readableBytes();
        if (width != 1 && width != 4) {
            throw new IllegalArgumentException("Result: " + width + " bytes (expected: 1 or 4)");
        }
        return Octets.readUnsigned(body, width);
    }

    /** Reads Msg_Content after checking the body really holds {@code length} more bytes. */
    static MsgContent readContent(ByteBuf body, int length) {
        requireReadable(body, length, "Msg_Content");
        byte[] bytes = new byte[length];
        body.readBytes(bytes);
        return MsgContent.adopt(bytes);
    }

    static void requireReadable(ByteBuf body, int length, String field) {
        if (body.readableBytes() < length) {
            throw new IllegalArgumentException(field + ": needs " + length + " bytes (expected: at most "
                + body.readableBytes() + " left in the body)");
        }
    }
}
