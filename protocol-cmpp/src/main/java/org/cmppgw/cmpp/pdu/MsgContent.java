package org.cmppgw.cmpp.pdu;

import io.netty.buffer.ByteBuf;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * Immutable Msg_Content bytes (UDH included) with content equality. At most 255 bytes, the range of Msg_Length;
 * whether a carrier accepts that many is a sending policy, not a wire rule.
 */
public final class MsgContent implements DeliverPayload {
    /** The largest value Msg_Length (uint8) can announce. */
    public static final int MAX_LENGTH = 0xFF;
    public static final MsgContent EMPTY = new MsgContent(new byte[0]);

    private final byte[] bytes;

    private MsgContent(byte[] bytes) {
        if (bytes.length > MAX_LENGTH) {
            throw new IllegalArgumentException("msgContent: " + bytes.length + " bytes (expected: 0..255)");
        }
        this.bytes = bytes;
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

    public int length() {
        return bytes.length;
    }

    public byte byteAt(int index) {
        return bytes[index];
    }

    /** A copy of the bytes. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** Lowercase hex, the convention of the golden vectors and the inspector. */
    public String toHex() {
        return HexFormat.of().formatHex(bytes);
    }

    /** Writes the bytes without an intermediate copy; the one place the model meets a buffer. */
    public void writeTo(ByteBuf out) {
        out.writeBytes(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MsgContent other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "MsgContent[" + bytes.length + " bytes: " + toHex() + "]";
    }
}
