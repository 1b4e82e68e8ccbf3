package org.cmppgw.simulator.ismg;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.codec.CmppDecoder;
import org.cmppgw.cmpp.codec.CmppEncoder;
import org.cmppgw.cmpp.pdu.CmppPdu;

/** Sends a PDU through the real encoder and decoder, proving the simulator builds what the wire accepts. */
final class Wire {
    private Wire() {
    }

    static Object roundTrip(CmppPdu pdu, CmppVersion version) {
        ByteBuf buf = CmppEncoder.of(version).encode(UnpooledByteBufAllocator.DEFAULT, pdu);
        try {
            return CmppDecoder.decodeFrame(buf, version);
        } finally {
            buf.release();
        }
    }
}
