package org.cmppgw.cmpp.codec;

import io.netty.buffer.ByteBuf;
import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.auth.Authenticator;
import org.cmppgw.cmpp.pdu.CmppConnect;
import org.cmppgw.cmpp.pdu.CmppConnectResp;

/** CMPP_CONNECT and CMPP_CONNECT_RESP bodies (docs/cmpp-protocol.md §6.1, §6.2). */
final class ConnectCodec {
    /** CONNECT body: Source_Addr 6 + AuthenticatorSource 16 + Version 1 + Timestamp 4 (§6.1). */
    static final int CONNECT_BODY_LENGTH = CmppConnect.SOURCE_ADDR_LENGTH + Authenticator.LENGTH + 1 + 4;
    /** CONNECT_RESP body without Status: AuthenticatorISMG 16 + Version 1 (§6.2). */
    private static final int RESP_BODY_WITHOUT_STATUS = Authenticator.LENGTH + 1;

    private ConnectCodec() {
    }

    static void encode(CmppConnect pdu, ByteBuf out) {
        Octets.writeString(out, pdu.sourceAddr(), CmppConnect.SOURCE_ADDR_LENGTH, "sourceAddr");
        out.writeBytes(pdu.authenticatorSource().toByteArray());
        out.writeByte(pdu.version());
        out.writeInt((int) pdu.timestamp());
    }

    static CmppConnect decode(int sequenceId, ByteBuf body) {
        String sourceAddr = Octets.readString(body, CmppConnect.SOURCE_ADDR_LENGTH);
        Authenticator authenticator = readAuthenticator(body);
        int version = body.readUnsignedByte();
        long timestamp = body.readUnsignedInt();
        return new CmppConnect(sequenceId, sourceAddr, authenticator, version, timestamp);
    }

    static int respBodyLength(CmppVersion version) {
        return version.resultLength() + RESP_BODY_WITHOUT_STATUS;
    }

    static void encode(CmppConnectResp pdu, CmppVersion version, ByteBuf out) {
        Octets.writeUnsigned(out, pdu.status(), version.resultLength());
        out.writeBytes(pdu.authenticatorIsmg().toByteArray());
        out.writeByte(pdu.version());
    }

    /** Picks the Status width from the body length, not from the link version (§15 #1). */
    static CmppConnectResp decodeResp(int sequenceId, ByteBuf body) {
        int statusWidth = body.readableBytes() - RESP_BODY_WITHOUT_STATUS;
        if (statusWidth != CmppVersion.V20.resultLength() && statusWidth != CmppVersion.V30.resultLength()) {
            throw new IllegalArgumentException(
                "body: " + body.readableBytes() + " bytes (expected: 18 for 2.0 or 21 for 3.0)");
        }
        long status = Octets.readUnsigned(body, statusWidth);
        Authenticator authenticator = readAuthenticator(body);
        int version = body.readUnsignedByte();
        return new CmppConnectResp(sequenceId, status, authenticator, version);
    }

    private static Authenticator readAuthenticator(ByteBuf body) {
        byte[] bytes = new byte[Authenticator.LENGTH];
        body.readBytes(bytes);
        return Authenticator.of(bytes);
    }
}
