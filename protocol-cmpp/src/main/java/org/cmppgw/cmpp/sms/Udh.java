package org.cmppgw.cmpp.sms;

import org.cmppgw.cmpp.pdu.MsgContent;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A User Data Header: the start of Msg_Content when TP_udhi is set (docs/cmpp-protocol.md §9.2, §9.3). The first byte,
 * UDHL, counts the bytes after it; then come information elements (IEI, length, data). {@link #parse(MsgContent)} walks
 * all of them, so a concatenation element behind an application-port element is found, and rejects a header that
 * does not add up with a {@link UdhException} — never an {@code IndexOutOfBoundsException}.
 *
 * @param elements the information elements in wire order
 */
public record Udh(List<InformationElement> elements) {
    /** Concatenated message, 8-bit reference (GSM 03.40 §9.2.3.24.1). */
    public static final int IEI_CONCAT_8 = 0x00;
    /** Application port addressing, 8-bit ports. */
    public static final int IEI_PORTS_8 = 0x04;
    /** Application port addressing, 16-bit ports (WAP push, OTA; §15 #9). */
    public static final int IEI_PORTS_16 = 0x05;
    /** Concatenated message, 16-bit reference. */
    public static final int IEI_CONCAT_16 = 0x08;
    /** UDHL is one byte. */
    public static final int MAX_UDHL = 0xFF;

    /** @throws UdhException when the elements exceed UDHL or a concatenation element is invalid */
    public Udh {
        elements = List.copyOf(elements);
        int udhl = 0;
        for (InformationElement element : elements) {
            udhl += element.encodedLength();
            checkConcat(element);
        }
        if (udhl > MAX_UDHL) {
            throw new UdhException("UDH - elements take " + udhl + " bytes (expected: UDHL at most 255)");
        }
    }

    /**
     * Reads the UDH at the start of {@code content}.
     *
     * @throws UdhException when UDHL runs past the content, an element overflows UDHL, or a concatenation element
     *                      has a wrong length, a total of 0, or a number of 0 or above the total
     */
    public static Udh parse(MsgContent content) {
        if (content.length() == 0) {
            throw new UdhException("UDH - Msg_Content is empty, no UDHL (TP_udhi is set)");
        }
        int udhl = content.byteAt(0) & 0xFF;
        int end = 1 + udhl;
        if (end > content.length()) {
            throw new UdhException("UDH - UDHL " + udhl + " exceeds the content (" + (content.length() - 1)
                + " bytes after UDHL)");
        }
        List<InformationElement> elements = new ArrayList<>();
        int pos = 1;
        while (pos < end) {
            if (pos + 2 > end) {
                throw new UdhException("UDH - element at offset " + pos + " has no length byte (UDHL " + udhl + ")");
            }
            int iei = content.byteAt(pos) & 0xFF;
            int dataLength = content.byteAt(pos + 1) & 0xFF;
            int dataStart = pos + 2;
            if (dataStart + dataLength > end) {
                throw new UdhException("UDH - element " + hex(iei) + " of " + dataLength + " bytes at offset " + pos
                    + " overflows UDHL " + udhl);
            }
            byte[] data = new byte[dataLength];
            for (int i = 0; i < dataLength; i++) {
                data[i] = content.byteAt(dataStart + i);
            }
            elements.add(new InformationElement(iei, Bytes.adopt(data)));
            pos = dataStart + dataLength;
        }
        return new Udh(elements);
    }

    /** A UDH with only a concatenation element: the 6- or 7-byte header of §9.3. */
    public static byte[] concatHeader(ReferenceWidth width, int reference, int total, int number) {
        return new ConcatInfo(width, reference, total, number).toUdh();
    }

    /** Bytes the header takes at the start of Msg_Content, UDHL included: where the payload starts. */
    public int length() {
        int length = 1;
        for (InformationElement element : elements) {
            length += element.encodedLength();
        }
        return length;
    }

    /**
     * The concatenation element, if any. When there are several, the last one counts (GSM 03.40 §9.2.3.24: a
     * repeated element that may not repeat is taken from its last occurrence).
     */
    public Optional<ConcatInfo> concat() {
        ConcatInfo concat = null;
        for (InformationElement element : elements) {
            ConcatInfo candidate = checkConcat(element);
            if (candidate != null) {
                concat = candidate;
            }
        }
        return Optional.ofNullable(concat);
    }

    /** Whether an element addresses an application port (IEI 0x04 or 0x05): the payload is data for an app. */
    public boolean addressesApplicationPort() {
        for (InformationElement element : elements) {
            if (element.iei() == IEI_PORTS_8 || element.iei() == IEI_PORTS_16) {
                return true;
            }
        }
        return false;
    }

    /** The header as it appears on the wire, UDHL first. */
    public byte[] toBytes() {
        byte[] out = new byte[length()];
        out[0] = (byte) (out.length - 1);
        int pos = 1;
        for (InformationElement element : elements) {
            out[pos++] = (byte) element.iei();
            out[pos++] = (byte) element.data().length();
            for (int i = 0; i < element.data().length(); i++) {
                out[pos++] = element.data().byteAt(i);
            }
        }
        return out;
    }

    /** The concatenation info of {@code element}, null for other elements; throws when it is malformed. */
    private static ConcatInfo checkConcat(InformationElement element) {
        ReferenceWidth width;
        if (element.iei() == IEI_CONCAT_8) {
            width = ReferenceWidth.EIGHT_BIT;
        } else if (element.iei() == IEI_CONCAT_16) {
            width = ReferenceWidth.SIXTEEN_BIT;
        } else {
            return null;
        }
        Bytes data = element.data();
        if (data.length() != width.dataLength()) {
            throw new UdhException("UDH - concatenation element " + hex(element.iei()) + " has " + data.length()
                + " data bytes (expected: " + width.dataLength() + ")");
        }
        int reference = data.byteAt(0) & 0xFF;
        int i = 1;
        if (width == ReferenceWidth.SIXTEEN_BIT) {
            reference = reference << 8 | data.byteAt(i++) & 0xFF;
        }
        int total = data.byteAt(i++) & 0xFF;
        int number = data.byteAt(i) & 0xFF;
        if (total == 0 || number == 0 || number > total) {
            throw new UdhException("UDH - concatenation part " + number + " of " + total
                + " (expected: total >= 1 and 1 <= number <= total)");
        }
        return new ConcatInfo(width, reference, total, number);
    }

    private static String hex(int iei) {
        return iei < 0x10 ? "0x0" + Integer.toHexString(iei) : "0x" + Integer.toHexString(iei);
    }
}
