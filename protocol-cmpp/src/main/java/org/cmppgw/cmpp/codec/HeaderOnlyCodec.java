package org.cmppgw.cmpp.codec;

import io.netty.buffer.ByteBuf;
import org.cmppgw.cmpp.pdu.CmppActiveTestResp;

/**
 * The bodies of TERMINATE(+RESP) and ACTIVE_TEST(+RESP) (docs/cmpp-protocol.md §6.3, §6.4): empty, except the one
 * Reserved byte of ACTIVE_TEST_RESP, which some ISMGs leave out (§15 #4).
 */
final class HeaderOnlyCodec {
    /** ACTIVE_TEST_RESP body: Reserved 1 (§6.4). */
    static final int ACTIVE_TEST_RESP_BODY_LENGTH = 1;

    private HeaderOnlyCodec() {
    }

    static void encode(CmppActiveTestResp pdu, ByteBuf out) {
        out.writeByte(pdu.reserved());
    }

    static CmppActiveTestResp decodeActiveTestResp(int sequenceId, ByteBuf body) {
        int reserved = body.isReadable() ? body.readUnsignedByte() : 0;
        return new CmppActiveTestResp(sequenceId, reserved);
    }
}
