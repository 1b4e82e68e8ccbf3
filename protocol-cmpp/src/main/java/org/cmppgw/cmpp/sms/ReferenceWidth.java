package org.cmppgw.cmpp.sms;

/**
 * The two concatenation information elements of GSM 03.40 (docs/cmpp-protocol.md §9.3): an 8-bit reference in a 6-byte
 * UDH ({@code 05 00 03 RR TT NN}) or a 16-bit reference in a 7-byte UDH ({@code 06 08 04 RH RL TT NN}).
 */
public enum ReferenceWidth {
    EIGHT_BIT(Udh.IEI_CONCAT_8, 6, 0xFF),
    SIXTEEN_BIT(Udh.IEI_CONCAT_16, 7, 0xFFFF);

    private final int iei;
    private final int udhLength;
    private final int maxReference;

    ReferenceWidth(int iei, int udhLength, int maxReference) {
        this.iei = iei;
        this.udhLength = udhLength;
        this.maxReference = maxReference;
    }

    /** The information element identifier: 0x00 or 0x08. */
    public int iei() {
        return iei;
    }

    /** Bytes of a UDH holding only this element, UDHL included: 6 or 7. */
    public int udhLength() {
        return udhLength;
    }

    /** 0xFF or 0xFFFF; references are taken modulo {@code maxReference + 1}. */
    public int maxReference() {
        return maxReference;
    }

    /** Length of the element's data: 3 or 4. */
    int dataLength() {
        return udhLength - 3;
    }
}
