package org.cmppgw.cmpp.sms;

import java.util.Objects;

/**
 * One information element of a User Data Header (GSM 03.40 §9.2.3.24, docs/cmpp-protocol.md §9.3): an identifier and
 * its data, e.g. IEI 0x00 concatenation or 0x05 application ports.
 *
 * @param iei  the information element identifier, 0..255
 * @param data the element's data, at most 253 bytes (UDHL is one byte and each element costs two more)
 */
public record InformationElement(int iei, Bytes data) {
    /** The largest element data: 255 (UDHL) − 2 (IEI, IEDL). */
    public static final int MAX_DATA_LENGTH = 253;

    public InformationElement {
        if (iei < 0 || iei > 0xFF) {
            throw new IllegalArgumentException("iei: " + iei + " (expected: 0..255)");
        }
        Objects.requireNonNull(data, "data");
        if (data.length() > MAX_DATA_LENGTH) {
            throw new IllegalArgumentException("data: " + data.length() + " bytes (expected: 0..253)");
        }
    }

    /** Bytes this element takes in a UDH: IEI, IEDL and the data. */
    public int encodedLength() {
        return 2 + data.length();
    }
}
