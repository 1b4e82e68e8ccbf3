package org.cmppgw.cmpp.session;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.EncoderException;
import org.cmppgw.cmpp.codec.CmppEncoder;
import org.cmppgw.cmpp.pdu.CmppPdu;

/**
 * Flush batching for one session: PDUs are encoded back to back into one pending buffer and a single flush task is
 * scheduled per event-loop turn, so a window's worth of SUBMITs (or a read's worth of responses) costs one write
 * syscall and one outbound buffer instead of one per PDU. Encoding happens at once, so a PDU that cannot be written
 * in this version fails its caller instead of the connection. Event-loop confined.
 */
final class PendingWrites {
    /** Room for a window of typical SUBMITs before the buffer has to grow. */
    private static final int INITIAL_CAPACITY = 4096;

    private final ChannelHandlerContext ctx;
    private final CmppEncoder encoder;
    private final Runnable flushTask = this::flush;
    private ByteBuf pending;
    private boolean flushScheduled;
    private boolean discarding;
    private long flushes;

    PendingWrites(ChannelHandlerContext ctx, CmppEncoder encoder) {
        this.ctx = ctx;
        this.encoder = encoder;
    }

    /**
     * Encodes {@code pdu} after what is already pending and makes sure one flush is scheduled.
     *
     * @throws IllegalArgumentException when {@code pdu} cannot be written in this version (nothing is written)
     */
    void write(CmppPdu pdu) {
        ByteBuf buffer = pending;
        if (buffer == null) {
            buffer = ctx.alloc().ioBuffer(INITIAL_CAPACITY);
            pending = buffer;
        }
        try {
            encoder.encode(pdu, buffer);
        } catch (EncoderException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (!flushScheduled) {
            flushScheduled = true;
            ctx.channel().eventLoop().execute(flushTask);
        }
    }

    /** Writes what is pending now (normally the scheduled task does it). */
    void flush() {
        flushScheduled = false;
        ByteBuf buffer = pending;
        if (buffer == null) {
            return;
        }
        pending = null;
        if (discarding) {
            buffer.release();
            return;
        }
        flushes++;
        ctx.writeAndFlush(buffer, ctx.voidPromise());
    }

    /** Writes what is pending, then closes the channel once it is on the wire (§12.4: answer TERMINATE, close). */
    void flushAndClose() {
        ByteBuf buffer = pending;
        pending = null;
        discarding = true;
        if (buffer == null) {
            ctx.close();
        } else {
            flushes++;
            ctx.writeAndFlush(buffer).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** The connection is going away: drop what is pending and everything written from now on. */
    void discard() {
        discarding = true;
        ByteBuf buffer = pending;
        pending = null;
        if (buffer != null) {
            buffer.release();
        }
    }

    long flushes() {
        return flushes;
    }
}
