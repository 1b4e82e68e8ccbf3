package org.cmppgw.cmpp;

/**
 * The Command_Id values an SP and an ISMG exchange (docs/cmpp-protocol.md §4). ISMG-to-ISMG and GNS commands are not
 * listed: to this library they are unknown commands, which the decoder reports without failing the connection.
 */
public enum CommandId {
    CMPP_CONNECT(0x00000001),
    CMPP_CONNECT_RESP(0x80000001),
    CMPP_TERMINATE(0x00000002),
    CMPP_TERMINATE_RESP(0x80000002),
    CMPP_SUBMIT(0x00000004),
    CMPP_SUBMIT_RESP(0x80000004),
    CMPP_DELIVER(0x00000005),
    CMPP_DELIVER_RESP(0x80000005),
    CMPP_QUERY(0x00000006),
    CMPP_QUERY_RESP(0x80000006),
    CMPP_CANCEL(0x00000007),
    CMPP_CANCEL_RESP(0x80000007),
    CMPP_ACTIVE_TEST(0x00000008),
    CMPP_ACTIVE_TEST_RESP(0x80000008);

    private static final int RESPONSE_BIT = 0x80000000;
    private static final int MAX_REQUEST_CODE = 8;
    /** Indexed by request code (1..8); [0] requests, [1] responses. Code 3 is unused by the spec. */
    private static final CommandId[][] BY_CODE = new CommandId[2][MAX_REQUEST_CODE + 1];

    static {
        for (CommandId id : values()) {
            BY_CODE[id.isResponse() ? 1 : 0][id.code & ~RESPONSE_BIT] = id;
        }
    }

    private final int code;

    CommandId(int code) {
        this.code = code;
    }

    /** The wire value. */
    public int code() {
        return code;
    }

    /** Responses have bit 31 set (§3). */
    public boolean isResponse() {
        return (code & RESPONSE_BIT) != 0;
    }

    /**
     * The response command that answers this request.
     *
     * @throws IllegalStateException when called on a response
     */
    public CommandId response() {
        if (isResponse()) {
            throw new IllegalStateException(name() + " - is a response and has no response");
        }
        return BY_CODE[1][code];
    }

    /** The request a response answers; a request returns itself. */
    public CommandId request() {
        return BY_CODE[0][code & ~RESPONSE_BIT];
    }

    /** True when {@link #of(int)} would succeed. */
    public static boolean isKnown(int code) {
        int index = code & ~RESPONSE_BIT;
        return index >= 1 && index <= MAX_REQUEST_CODE && BY_CODE[(code & RESPONSE_BIT) != 0 ? 1 : 0][index] != null;
    }

    /**
     * O(1) lookup of a wire code.
     *
     * @throws IllegalArgumentException for a code this library does not speak
     */
    public static CommandId of(int code) {
        if (!isKnown(code)) {
            throw new IllegalArgumentException("commandId: " + hex(code) + " (expected: an SP<->ISMG command)");
        }
        return BY_CODE[(code & RESPONSE_BIT) != 0 ? 1 : 0][code & ~RESPONSE_BIT];
    }

    /** Formats a Command_Id as {@code 0x%08x}, the way the golden vectors and the inspector print it. */
    public static String hex(int code) {
        String digits = Integer.toHexString(code);
        return "0x" + "00000000".substring(digits.length()) + digits;
    }
}
