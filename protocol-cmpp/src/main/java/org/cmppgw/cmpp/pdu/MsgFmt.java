package org.cmppgw.cmpp.pdu;

/**
 * The Msg_Fmt values the spec names (docs/cmpp-protocol.md §9.1). PDUs keep Msg_Fmt as the raw byte because carriers
 * send other GSM 03.38 DCS values too; this enum is for choosing and naming encodings.
 */
public enum MsgFmt {
    ASCII(0),
    WRITE_CARD(3),
    BINARY(4),
    UCS2(8),
    GBK(15);

    private final int code;

    MsgFmt(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** True when {@link #of(int)} would succeed. */
    public static boolean isKnown(int code) {
        return code == 0 || code == 3 || code == 4 || code == 8 || code == 15;
    }

    /**
     * O(1) lookup.
     *
     * @throws IllegalArgumentException for a value the spec does not name
     */
    public static MsgFmt of(int code) {
        return switch (code) {
            case 0 -> ASCII;
            case 3 -> WRITE_CARD;
            case 4 -> BINARY;
            case 8 -> UCS2;
            case 15 -> GBK;
            default -> throw new IllegalArgumentException("msgFmt: " + code + " (expected: 0, 3, 4, 8 or 15)");
        };
    }
}
