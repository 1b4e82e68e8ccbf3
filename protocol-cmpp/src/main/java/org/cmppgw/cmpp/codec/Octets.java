package org.cmppgw.cmpp.codec;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * Fixed-width CMPP field primitives (docs/cmpp-protocol.md §2): big-endian unsigned integers of 1 or 4 bytes, and Octet
 * Strings, written left-aligned with 0x00 padding and read up to the first 0x00 with trailing spaces stripped
 * (§15 #11).
 * Octet Strings are single-byte (ISO-8859-1) so that any byte a peer sends survives a decode/encode round trip.
 */
public final class Octets {
    private Octets() {
    }

    /**
     * Writes {@code value} into a field of {@code width} bytes.
     *
     * @throws IllegalArgumentException when the value is wider than the field on this link
     */
    public static void writeString(ByteBuf out, String value, int width, String field) {
        int length = value.length();
        if (length > width) {
            throw new IllegalArgumentException(
                field + ": \"" + value + "\" (expected: at most " + width + " characters on this link)");
        }
        out.writeCharSequence(value, StandardCharsets.ISO_8859_1);
        out.writeZero(width - length);
    }

    /** Reads a field of {@code width} bytes: cut at the first NUL, then trailing spaces removed. */
    public static String readString(ByteBuf in, int width) {
        int start = in.readerIndex();
        int end = start;
        int limit = start + width;
        while (end < limit && in.getByte(end) != 0) {
            end++;
        }
        while (end > start && in.getByte(end - 1) == ' ') {
            end--;
        }
        String value = end == start ? "" : in.toString(start, end - start, StandardCharsets.ISO_8859_1);
        in.skipBytes(width);
        return value;
    }

    /** Writes an unsigned integer field of 1 or 4 bytes (a Status/Result whose width depends on the version). */
    public static void writeUnsigned(ByteBuf out, long value, int width) {
        if (width == 1) {
            if (value > 0xFF) {
                throw new IllegalArgumentException("value: " + value + " (expected: 0..255 in a 1-byte field)");
            }
            out.writeByte((int) value);
        } else {
            out.writeInt((int) value);
        }
    }

    /** Reads an unsigned integer field of 1 or 4 bytes. */
    public static long readUnsigned(ByteBuf in, int width) {
        return width == 1 ? in.readUnsignedByte() : in.readUnsignedInt();
    }
}
