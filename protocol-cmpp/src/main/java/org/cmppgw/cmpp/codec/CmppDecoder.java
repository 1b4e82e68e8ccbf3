package org.cmppgw.cmpp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.CommandId;
import org.cmppgw.cmpp.pdu.CmppActiveTest;
import org.cmppgw.cmpp.pdu.CmppPdu;
import org.cmppgw.cmpp.pdu.CmppTerminate;
import org.cmppgw.cmpp.pdu.CmppTerminateResp;

/**
 * Frames the byte stream by Total_Length and turns each frame into a {@link CmppPdu} (docs/cmpp-protocol.md §3).
 *
 * <p>Two kinds of failure, handled differently (docs/design.md §10 rules 13–14):
 * <ul>
 *   <li>Broken framing — Total_Length below 12 or above the frame limit — throws {@link CorruptedFrameException} or
 *       {@code TooLongFrameException}: the stream cannot be resynchronised and the channel must close. Nothing is
 *       allocated from the attacker's length: bytes accumulate only up to the limit. The error is raised once;
 *       bytes that arrive before the close are dropped unread.</li>
 *   <li>An intact frame with a bad body, or an unknown Command_Id, is emitted <em>in-band</em> as a
 *       {@link CmppCodecException} message, in stream order, and decoding carries on with the next frame. A thrown
 *       exception would stall the PDUs that follow it in the same read until the next read event.</li>
 * </ul>
 *
 * <p>The version sets the layout of SUBMIT and DELIVER; it can change once after login ({@link #version(CmppVersion)}),
 * from the channel's event loop only.
 */
public final class CmppDecoder extends LengthFieldBasedFrameDecoder {
    /** Frame limit: the largest legal PDU is 3490 bytes (§2.1); 4096 as [Z]. */
    public static final int DEFAULT_MAX_FRAME_LENGTH = 4096;
    /** Total_Length 4 + Command_Id 4 + Sequence_Id 4 (§3). */
    public static final int HEADER_LENGTH = 12;
    private static final int LENGTH_FIELD_LENGTH = 4;

    private CmppVersion version;
    /** Set by the first framing error: the stream cannot be resynchronised, everything after it is dropped. */
    private boolean framingBroken;

    public CmppDecoder(CmppVersion version) {
        this(version, DEFAULT_MAX_FRAME_LENGTH);
    }

    public CmppDecoder(CmppVersion version, int maxFrameLength) {
        // Total_Length counts the whole PDU, its own 4 bytes included: adjust by -4; strip nothing; fail fast.
        super(maxFrameLength, 0, LENGTH_FIELD_LENGTH, -LENGTH_FIELD_LENGTH, 0, true);
        if (maxFrameLength < HEADER_LENGTH) {
            throw new IllegalArgumentException("maxFrameLength: " + maxFrameLength + " (expected: >= 12)");
        }
        this.version = version;
    }

    public CmppVersion version() {
        return version;
    }

    /** Switches the SUBMIT/DELIVER layout, e.g. after a server learned the version from CONNECT. */
    public void version(CmppVersion newVersion) {
        this.version = newVersion;
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        if (framingBroken) {
            // The channel is closing (docs/design.md §10 rule 13): drop what still arrives instead of reporting it
            // again.
            in.skipBytes(in.readableBytes());
            return null;
        }
        ByteBuf frame;
        try {
            frame = decodeFrameBytes(ctx, in);
        } catch (CorruptedFrameException | TooLongFrameException e) {
            framingBroken = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
        if (frame == null) {
            return null;
        }
        try {
            return decodeFrame(frame, version);
        } finally {
            frame.release();
        }
    }

    private ByteBuf decodeFrameBytes(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        if (in.readableBytes() >= LENGTH_FIELD_LENGTH) {
            long totalLength = in.getUnsignedInt(in.readerIndex());
            if (totalLength < HEADER_LENGTH) {
                throw new CorruptedFrameException("Total_Length: " + totalLength + " (expected: >= 12)");
            }
        }
        return (ByteBuf) super.decode(ctx, in);
    }

    /**
     * Decodes one complete frame (header included) without consuming a reference.
     *
     * @return the PDU, or a {@link CmppCodecException} describing why the body could not be decoded
     */
    public static Object decodeFrame(ByteBuf frame, CmppVersion version) {
        frame.skipBytes(LENGTH_FIELD_LENGTH);
        int commandIdCode = frame.readInt();
        int sequenceId = frame.readInt();
        if (!CommandId.isKnown(commandIdCode)) {
            return new CmppCodecException(commandIdCode, sequenceId, "unknown Command_Id (frame skipped)");
        }
        try {
            CmppPdu pdu = decodeBody(CommandId.of(commandIdCode), sequenceId, version, frame);
            if (frame.isReadable()) {
                return new CmppCodecException(commandIdCode, sequenceId,
                    frame.readableBytes() + " bytes left after the body");
            }
            return pdu;
        } catch (IndexOutOfBoundsException e) {
            return new CmppCodecException(commandIdCode, sequenceId, "body too short for " + version.label(), e);
        } catch (IllegalArgumentException e) {
            return new CmppCodecException(commandIdCode, sequenceId, e.getMessage(), e);
        }
    }

    private static CmppPdu decodeBody(CommandId commandId, int sequenceId, CmppVersion version, ByteBuf body) {
        return switch (commandId) {
            case CMPP_CONNECT -> ConnectCodec.decode(sequenceId, body);
            case CMPP_CONNECT_RESP -> ConnectCodec.decodeResp(sequenceId, body);
            case CMPP_TERMINATE -> new CmppTerminate(sequenceId);
            case CMPP_TERMINATE_RESP -> new CmppTerminateResp(sequenceId);
            case CMPP_SUBMIT -> SubmitCodec.decode(sequenceId, version, body);
            case CMPP_SUBMIT_RESP -> SubmitCodec.decodeResp(sequenceId, body);
            case CMPP_DELIVER -> DeliverCodec.decode(sequenceId, version, body);
            case CMPP_DELIVER_RESP -> DeliverCodec.decodeResp(sequenceId, body);
            case CMPP_QUERY -> QueryCodec.decode(sequenceId, body);
            case CMPP_QUERY_RESP -> QueryCodec.decodeResp(sequenceId, body);
            case CMPP_CANCEL -> CancelCodec.decode(sequenceId, body);
            case CMPP_CANCEL_RESP -> CancelCodec.decodeResp(sequenceId, body);
            case CMPP_ACTIVE_TEST -> new CmppActiveTest(sequenceId);
            case CMPP_ACTIVE_TEST_RESP -> HeaderOnlyCodec.decodeActiveTestResp(sequenceId, body);
        };
    }
}
