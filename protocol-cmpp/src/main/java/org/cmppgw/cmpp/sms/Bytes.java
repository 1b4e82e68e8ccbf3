package org.cmppgw.cmpp.sms;

import org.cmppgw.cmpp.ImmutableBytes;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * Immutable bytes with content equality, for values longer than one {@link org.cmppgw.cmpp.pdu.MsgContent} can
 * hold (a reassembled binary MO message reaches 255 × 133 bytes) and for UDH information-element data.
 * docs/design.md §10 rule 5: records never carry a bare {@code byte[]}.
 */
public final class Bytes extends ImmutableBytes {
    public static final Bytes EMPTY = new Bytes(new byte[0]);

    private Bytes(byte[] bytes) {
        super(bytes);
    }

    /** A copy of {@code bytes}. */
    public static Bytes of(byte[] bytes) {
        return new Bytes(bytes.clone());
    }

    /** A copy of {@code length} bytes of {@code bytes} from {@code offset}. */
    public static Bytes of(byte[] bytes, int offset, int length) {
        return new Bytes(Arrays.copyOfRange(bytes, offset, offset + length));
    }

    /** Parses lowercase or uppercase hex. */
    public static Bytes ofHex(String hex) {
        return new Bytes(HexFormat.of().parseHex(hex));
    }

    /** Takes ownership of {@code bytes} without copying; the caller must never touch the array again. */
    static Bytes adopt(byte[] bytes) {
        return new Bytes(bytes);
    }

    @Override
    public String toString() {
        return "Bytes[" + length() + ": " + toHex() + "]";
    }
}
