package org.cmppgw.cmpp.codec;

import io.netty.buffer.ByteBuf;
import org.cmppgw.cmpp.pdu.CmppQuery;
import org.cmppgw.cmpp.pdu.CmppQueryResp;

/** CMPP_QUERY and CMPP_QUERY_RESP bodies, identical in both versions (docs/cmpp-protocol.md §7.6, §7.7). */
final class QueryCodec {
    /** Time 8 + Query_Type 1 + Query_Code 10 + Reserve 8. */
    static final int QUERY_BODY_LENGTH = CmppQuery.TIME_LENGTH + 1 + CmppQuery.QUERY_CODE_LENGTH
        + CmppQuery.RESERVE_LENGTH;
    /** Time 8 + Query_Type 1 + Query_Code 10 + eight uint32 counters. */
    static final int RESP_BODY_LENGTH = CmppQuery.TIME_LENGTH + 1 + CmppQuery.QUERY_CODE_LENGTH + 8 * 4;

    private QueryCodec() {
    }

    static void encode(CmppQuery pdu, ByteBuf out) {
        Octets.writeString(out, pdu.time(), CmppQuery.TIME_LENGTH, "time");
        out.writeByte(pdu.queryType());
        Octets.writeString(out, pdu.queryCode(), CmppQuery.QUERY_CODE_LENGTH, "queryCode");
        Octets.writeString(out, pdu.reserve(), CmppQuery.RESERVE_LENGTH, "reserve");
    }

    static CmppQuery decode(int sequenceId, ByteBuf body) {
        return new CmppQuery(sequenceId, Octets.readString(body, CmppQuery.TIME_LENGTH), body.readUnsignedByte(),
            Octets.readString(body, CmppQuery.QUERY_CODE_LENGTH), Octets.readString(body, CmppQuery.RESERVE_LENGTH));
    }

    static void encode(CmppQueryResp pdu, ByteBuf out) {
        Octets.writeString(out, pdu.time(), CmppQuery.TIME_LENGTH, "time");
        out.writeByte(pdu.queryType());
        Octets.writeString(out, pdu.queryCode(), CmppQuery.QUERY_CODE_LENGTH, "queryCode");
        out.writeInt((int) pdu.mtTlMsg());
        out.writeInt((int) pdu.mtTlUsr());
        out.writeInt((int) pdu.mtScs());
        out.writeInt((int) pdu.mtWt());
        out.writeInt((int) pdu.mtFl());
        out.writeInt((int) pdu.moScs());
        out.writeInt((int) pdu.moWt());
        out.writeInt((int) pdu.moFl());
    }

    static CmppQueryResp decodeResp(int sequenceId, ByteBuf body) {
        String time = Octets.readString(body, CmppQuery.TIME_LENGTH);
        int queryType = body.readUnsignedByte();
        String queryCode = Octets.readString(body, CmppQuery.QUERY_CODE_LENGTH);
        return new CmppQueryResp(sequenceId, time, queryType, queryCode, body.readUnsignedInt(),
            body.readUnsignedInt(), body.readUnsignedInt(), body.readUnsignedInt(), body.readUnsignedInt(),
            body.readUnsignedInt(), body.readUnsignedInt(), body.readUnsignedInt());
    }
}
