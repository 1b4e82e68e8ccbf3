package org.cmppgw.cmpp;

/**
 * The two CMPP wire layouts. Everything that differs between 2.0 and 3.0 on the wire is a property of this enum
 * (docs/cmpp-protocol.md §14), so codecs never compare versions themselves.
 */
public enum CmppVersion {
    /** CMPP 2.0; version bytes 0x20 and 0x21 (2.1 uses the 2.0 layout, §5.1). */
    V20(0x20, "2.0", 21, 1, 8, 60),
    /** CMPP 3.0; version byte 0x30. */
    V30(0x30, "3.0", 32, 4, 20, 71);

    private final int wireValue;
    private final String label;
    private final int terminalIdLength;
    private final int resultLength;
    private final int trailerLength;
    private final int reportLength;

    CmppVersion(int wireValue, String label, int terminalIdLength, int resultLength, int trailerLength,
                int reportLength) {
        this.wireValue = wireValue;
        this.label = label;
        this.terminalIdLength = terminalIdLength;
        this.resultLength = resultLength;
        this.trailerLength = trailerLength;
        this.reportLength = reportLength;
    }

    /** The Version byte this layout is announced with in CONNECT and CONNECT_RESP. */
    public int wireValue() {
        return wireValue;
    }

    /** "2.0" or "3.0". */
    public String label() {
        return label;
    }

    /** Width of every *_terminal_Id field: 21 (2.0) or 32 (3.0), §7.1 fields 8 and 20, §7.3 field 7. */
    public int terminalIdLength() {
        return terminalIdLength;
    }

    /** Width of CONNECT_RESP Status, SUBMIT_RESP/DELIVER_RESP Result and CANCEL_RESP Success_Id: 1 or 4. */
    public int resultLength() {
        return resultLength;
    }

    /** Width of the SUBMIT/DELIVER trailer: Reserve (8, 2.0) or LinkID (20, 3.0). */
    public int trailerLength() {
        return trailerLength;
    }

    /** Length of the status report carried in a DELIVER: 60 (2.0) or 71 (3.0), §7.4. */
    public int reportLength() {
        return reportLength;
    }

    /** Whether SUBMIT and DELIVER carry the 3.0-only *_terminal_type bytes. */
    public boolean hasTerminalType() {
        return this == V30;
    }

    /** True when {@code versionByte} names a layout this library speaks (0x20, 0x21, 0x30). */
    public static boolean isSupported(int versionByte) {
        return versionByte == 0x20 || versionByte == 0x21 || versionByte == 0x30;
    }

    /**
     * The layout for a CONNECT Version byte.
     *
     * @throws IllegalArgumentException for anything but 0x20, 0x21 and 0x30
     */
    public static CmppVersion fromWire(int versionByte) {
        return switch (versionByte) {
            case 0x20, 0x21 -> V20;
            case 0x30 -> V30;
            default -> throw new IllegalArgumentException(
                "versionByte: 0x" + Integer.toHexString(versionByte) + " (expected: 0x20, 0x21 or 0x30)");
        };
    }

    /** Parses "2.0", "2", "20", "3.0", "3" or "30" as written in configuration files. */
    public static CmppVersion parse(String text) {
        return switch (text.trim()) {
            case "2.0", "2", "20", "V20" -> V20;
            case "3.0", "3", "30", "V30" -> V30;
            default -> throw new IllegalArgumentException("version: " + text + " (expected: 2.0 or 3.0)");
        };
    }
}
