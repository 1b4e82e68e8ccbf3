package org.cmppgw.cmpp;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The base of the library's byte values ({@code MsgContent}, {@code Bytes}, {@code Authenticator}): an array no
 * caller can reach, read by index or copied out, with content equality between values of the same class only.
 * docs/design.md §10 rule 5: records never carry a bare {@code byte[]}. Hot path: the decoder builds one value per
 * PDU around an array it hands over, so a subclass adds checks, never copies.
 */
public abstract class ImmutableBytes {
    private final byte[] bytes;

    /** Takes ownership of {@code bytes}; the subclass copies first where the caller keeps the array. */
    protected ImmutableBytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The array itself, for the subclass's own reads and writes; never hand it out. */
    protected final byte[] bytes() {
        return bytes;
    }

    public final int length() {
        return bytes.length;
    }

    public final byte byteAt(int index) {
        return bytes[index];
    }

    /** A copy of the bytes. */
    public final byte[] toByteArray() {
        return bytes.clone();
    }

    /** Lowercase hex, the convention of the golden vectors and the inspector. */
    public final String toHex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && Arrays.equals(bytes, ((ImmutableBytes) o).bytes);
    }

    @Override
    public final int hashCode() {
        return Arrays.hashCode(bytes);
    }
}
