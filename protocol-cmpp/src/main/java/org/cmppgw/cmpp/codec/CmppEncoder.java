package org.cmppgw.cmpp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.MessageToByteEncoder;
import org.cmppgw.cmpp.CmppVersion;
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

/**
 * Writes {@link CmppPdu}s in one version's layout. Stateless and {@link Sharable}: use {@link #V20} or {@link #V30}.
 * Each PDU gets a buffer of exactly its Total_Length, and the written length is checked against it afterwards, so a
 * codec bug fails loudly instead of desynchronising the peer.
 */
@Sharable
public final class CmppEncoder extends MessageToByteEncoder<CmppPdu> {
    public static final CmppEncoder V20 = new CmppEncoder(CmppVersion.V20);
    public static final CmppEncoder V30 = new CmppEncoder(CmppVersion.V30);

    private final CmppVersion version;

    private CmppEncoder(CmppVersion version) {
        super(CmppPdu.class);
        this.version = version;
    }

    public static CmppEncoder of(CmppVersion version) {
        return version == CmppVersion.V20 ? V20 : V30;
    }

    public CmppVersion version() {
        return version;
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, CmppPdu msg, boolean preferDirect) {
        int length = totalLength(msg);
        return preferDirect ? ctx.alloc().ioBuffer(length, length) : ctx.alloc().heapBuffer(length, length);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, CmppPdu msg, ByteBuf out) {
        encode(msg, out);
    }

    /** Encodes {@code pdu} into a new buffer of exactly its length; the caller owns the buffer. */
    public ByteBuf encode(ByteBufAllocator alloc, CmppPdu pdu) {
        int length = totalLength(pdu);
        ByteBuf out = alloc.buffer(length, length);
        try {
            encode(pdu, out);
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }

    /** Appends {@code pdu}, header included, to {@code out}. */
    public void encode(CmppPdu pdu, ByteBuf out) {
        int start = out.writerIndex();
        int totalLength = totalLength(pdu);
        out.writeInt(totalLength);
        out.writeInt(pdu.commandId().code());
        out.writeInt(pdu.sequenceId());
        try {
            encodeBody(pdu, out);
        } catch (IllegalArgumentException e) {
            out.writerIndex(start);
            throw new EncoderException(pdu.commandId() + " seq=" + Integer.toUnsignedString(pdu.sequenceId())
                + " - cannot be written on a " + version.label() + " link: " + e.getMessage(), e);
        }
        int written = out.writerIndex() - start;
        if (written != totalLength) {
            throw new EncoderException(pdu.commandId() + " - wrote " + written + " bytes (expected: " + totalLength
                + ")");
        }
    }

    /** Total_Length of {@code pdu} in this version's layout. */
    public int totalLength(CmppPdu pdu) {
        return CmppDecoder.HEADER_LENGTH + bodyLength(pdu);
    }

    private int bodyLength(CmppPdu pdu) {
        return switch (pdu.commandId()) {
            case CMPP_CONNECT -> ConnectCodec.CONNECT_BODY_LENGTH;
            case CMPP_CONNECT_RESP -> ConnectCodec.respBodyLength(version);
            case CMPP_TERMINATE, CMPP_TERMINATE_RESP, CMPP_ACTIVE_TEST -> 0;
            case CMPP_ACTIVE_TEST_RESP -> HeaderOnlyCodec.ACTIVE_TEST_RESP_BODY_LENGTH;
            case CMPP_SUBMIT -> SubmitCodec.bodyLength((CmppSubmit) pdu, version);
            case CMPP_SUBMIT_RESP -> SubmitCodec.respBodyLength(version);
            case CMPP_DELIVER -> DeliverCodec.bodyLength((CmppDeliver) pdu, version);
            case CMPP_DELIVER_RESP -> DeliverCodec.respBodyLength(version);
            case CMPP_QUERY -> QueryCodec.QUERY_BODY_LENGTH;
            case CMPP_QUERY_RESP -> QueryCodec.RESP_BODY_LENGTH;
            case CMPP_CANCEL -> CancelCodec.CANCEL_BODY_LENGTH;
            case CMPP_CANCEL_RESP -> version.resultLength();
        };
    }

    private void encodeBody(CmppPdu pdu, ByteBuf out) {
        switch (pdu.commandId()) {
            case CMPP_CONNECT -> ConnectCodec.encode((CmppConnect) pdu, out);
            case CMPP_CONNECT_RESP -> ConnectCodec.encode((CmppConnectResp) pdu, version, out);
            case CMPP_TERMINATE, CMPP_TERMINATE_RESP, CMPP_ACTIVE_TEST -> {
                // header only
            }
            case CMPP_ACTIVE_TEST_RESP -> HeaderOnlyCodec.encode((CmppActiveTestResp) pdu, out);
            case CMPP_SUBMIT -> SubmitCodec.encode((CmppSubmit) pdu, version, out);
            case CMPP_SUBMIT_RESP -> SubmitCodec.encode((CmppSubmitResp) pdu, version, out);
            case CMPP_DELIVER -> DeliverCodec.encode((CmppDeliver) pdu, version, out);
            case CMPP_DELIVER_RESP -> DeliverCodec.encode((CmppDeliverResp) pdu, version, out);
            case CMPP_QUERY -> QueryCodec.encode((CmppQuery) pdu, out);
            case CMPP_QUERY_RESP -> QueryCodec.encode((CmppQueryResp) pdu, out);
            case CMPP_CANCEL -> CancelCodec.encode((CmppCancel) pdu, out);
            case CMPP_CANCEL_RESP -> CancelCodec.encode((CmppCancelResp) pdu, version, out);
        }
    }
}
