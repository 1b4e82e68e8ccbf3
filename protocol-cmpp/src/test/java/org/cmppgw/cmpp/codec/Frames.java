package org.cmppgw.cmpp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetric;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import org.cmppgw.cmpp.CmppVersion;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Test frames and decoder channels whose every buffer comes from one instrumented allocator, so a test can prove
 * that nothing was leaked or kept: {@link #assertAllReleased()} after {@code finish()}.
 */
final class Frames {
    private final UnpooledByteBufAllocator alloc = new UnpooledByteBufAllocator(false);

    /** A decoder channel for {@code version} that cumulates with this allocator. */
    EmbeddedChannel decoderChannel(CmppVersion version) {
        return decoderChannel(new CmppDecoder(version));
    }

    EmbeddedChannel decoderChannel(CmppDecoder decoder) {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.config().setAllocator(alloc);
        channel.pipeline().addLast(decoder);
        return channel;
    }

    ByteBufAllocator alloc() {
        return alloc;
    }

    /** A buffer holding {@code bytes}, from the instrumented allocator. */
    ByteBuf buffer(byte[] bytes) {
        return alloc.heapBuffer(bytes.length).writeBytes(bytes);
    }

    /** A frame with a correct Total_Length around {@code body}. */
    ByteBuf frame(int commandId, int sequenceId, byte[] body) {
        return buffer(frameBytes(commandId, sequenceId, body));
    }

    /** Only the first 4 bytes, Total_Length. */
    ByteBuf lengthField(long totalLength) {
        return alloc.heapBuffer(4).writeInt((int) totalLength);
    }

    void assertAllReleased() {
        ByteBufAllocatorMetric metric = alloc.metric();
        assertThat(metric.usedHeapMemory()).as("heap bytes still allocated").isZero();
        assertThat(metric.usedDirectMemory()).as("direct bytes still allocated").isZero();
    }

    static byte[] frameBytes(int commandId, int sequenceId, byte[] body) {
        byte[] frame = new byte[CmppDecoder.HEADER_LENGTH + body.length];
        putInt(frame, 0, frame.length);
        putInt(frame, 4, commandId);
        putInt(frame, 8, sequenceId);
        System.arraycopy(body, 0, frame, CmppDecoder.HEADER_LENGTH, body.length);
        return frame;
    }

    static void putInt(byte[] bytes, int at, int value) {
        bytes[at] = (byte) (value >>> 24);
        bytes[at + 1] = (byte) (value >>> 16);
        bytes[at + 2] = (byte) (value >>> 8);
        bytes[at + 3] = (byte) value;
    }

    static byte[] concat(List<byte[]> parts) {
        return concat(parts.toArray(byte[][]::new));
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    /** Everything the channel passed inbound, in order. */
    static List<Object> drainInbound(EmbeddedChannel channel) {
        List<Object> all = new ArrayList<>();
        for (Object msg = channel.readInbound(); msg != null; msg = channel.readInbound()) {
            all.add(msg);
        }
        return all;
    }
}
