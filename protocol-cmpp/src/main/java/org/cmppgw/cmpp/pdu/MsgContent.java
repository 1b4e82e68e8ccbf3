package org.cmppgw.cmpp.pdu;

import io.netty.buffer.ByteBuf;
import org.cmppgw.cmpp.ImmutableBytes;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * Immutable Msg_Content bytes (UDH included) with content equality. At most 255 bytes, the range of Msg_Length;
 * whether a carrier accepts that many is a sending policy, not a wire rule.
 */
public final class MsgContent extends ImmutableBytes implements DeliverPayload {
    /** The largest value Msg_Length (uint8) can announce. */
    public static final int MAX_LENGTH = 0xFF;
    public static final MsgContent EMPTY = new MsgContent(new byte[0]);

    private MsgContent(byte[] bytes) {
        super(checkLength(bytes));
    }

    /** A copy of {@code bytes}. */
    public static MsgContent of(byte[] bytes) {
        return new MsgContent(bytes.clone());
    }

    /** A copy of {@code length} bytes of {@code bytes} from {@code offset}. */
    public static MsgContent of(byte[] bytes, int offset, int length) {
        return new MsgContent(Arrays.copyOfRange(bytes, offset, offset + length));
    }

    /** Takes ownership of {@code bytes} without copying; the caller must never touch the array again. */
    public static MsgContent adopt(byte[] bytes) {
        return new MsgContent(bytes);
    }

    /** Parses lowercase or uppercase hex. */
    public static MsgContent ofHex(String hex) {
        return new MsgContent(HexFormat.of().parseHex(hex));
    }

    /** Writes the bytes without an intermediate copy; the one place the model meets a buffer. */
    public void writeTo(ByteBuf out) {
        out.writeBytes(bytes());
    }

    @Override
    public String toString() {
        return "MsgContent[" + length() + " bytes: " + toHex() + "]";
    }

    private static byte[] checkLength(byte[] bytes) {
        if (bytes.length > MAX_LENGTH) {
            throw new IllegalArgumentException("msgContent: " + bytes.length + " bytes (expected: 0..255)");
        }
        return bytes;
    }
}
