package org.cmppgw.cmpp.sms;

import java.util.Objects;

/**
 * The concatenation element of a UDH (docs/cmpp-protocol.md §9.3): which long message a part belongs to
 * ({@code reference}, shared by all parts), how many parts it has and which one this is (1-based). SUBMIT's Pk_total
 * and Pk_number must equal {@code total} and {@code number} (§9.5).
 *
 * @param width     8-bit (IEI 0x00) or 16-bit (IEI 0x08) reference
 * @param reference 0..255 or 0..65535
 * @param total     parts in the message, 1..255
 * @param number    this part, 1..total
 */
public record ConcatInfo(ReferenceWidth width, int reference, int total, int number) {
    /** The most parts a message can have: TT and Pk_total are one byte. */
    public static final int MAX_PARTS = 255;

    public ConcatInfo {
        Objects.requireNonNull(width, "width");
        if (reference < 0 || reference > width.maxReference()) {
            throw new IllegalArgumentException(
                "reference: " + reference + " (expected: 0.." + width.maxReference() + ")");
        }
        if (total < 1 || total > MAX_PARTS) {
            throw new IllegalArgumentException("total: " + total + " (expected: 1..255)");
        }
        if (number < 1 || number > total) {
            throw new IllegalArgumentException("number: " + number + " (expected: 1.." + total + ")");
        }
    }

    /** A UDH holding only this element, UDHL included: {@code 05 00 03 RR TT NN} or {@code 06 08 04 RH RL TT NN}. */
    public byte[] toUdh() {
        byte[] udh = new byte[width.udhLength()];
        writeUdh(udh);
        return udh;
    }

    /** Writes {@link #toUdh()} at the start of {@code target}, which must have room for it. */
    void writeUdh(byte[] target) {
        int i = 0;
        target[i++] = (byte) (width.udhLength() - 1);
        target[i++] = (byte) width.iei();
        target[i++] = (byte) width.dataLength();
        if (width == ReferenceWidth.SIXTEEN_BIT) {
            target[i++] = (byte) (reference >>> 8);
        }
        target[i++] = (byte) reference;
        target[i++] = (byte) total;
        target[i] = (byte) number;
    }
}
