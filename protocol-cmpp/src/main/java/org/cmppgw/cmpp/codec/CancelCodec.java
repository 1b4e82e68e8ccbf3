package org.cmppgw.cmpp.codec;

import io.netty.buffer.ByteBuf;
import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.pdu.CmppCancel;
import org.cmppgw.cmpp.pdu.CmppCancelResp;
import org.cmppgw.cmpp.pdu.MsgId;

/** CMPP_CANCEL and CMPP_CANCEL_RESP bodies (docs/cmpp-protocol.md §7.8). */
final class CancelCodec {
    /** Msg_Id 8. */
    static final int CANCEL_BODY_LENGTH = 8;

    private CancelCodec() {
    }

    static void encode(CmppCancel pdu, ByteBuf out) {
        out.writeLong(pdu.msgId().value());
    }

    static CmppCancel decode(int sequenceId, ByteBuf body) {
        return new CmppCancel(sequenceId, new MsgId(body.readLong()));
    }

    static void encode(CmppCancelResp pdu, CmppVersion version, ByteBuf out) {
        Octets.writeUnsigned(out, pdu.successId(), version.resultLength());
    }

    /** Success_Id width from the body length: [Z] sends 4 bytes on 2.0 links too (§16). */
    static CmppCancelResp decodeResp(int sequenceId, ByteBuf body) {
        int width = body.readableBytes();
        if (width != 1 && width != 4) {
            throw new IllegalArgumentException("body: " + width + " bytes (expected: 1 or 4)");
        }
        return new CmppCancelResp(sequenceId, Octets.readUnsigned(body, width));
    }
}
