package org.cmppgw.gateway.config;

import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.pdu.CmppSubmit;

import java.time.Duration;

/**
 * The checks of the CMPP_SUBMIT fields an operator may set ({@link SubmitDefaults}, {@link SubmitOverride}), with the
 * field sizes and values of docs/cmpp-protocol.md §7.1. Each field is checked alone, with the widest width either
 * version allows; {@link #fitVersion} then checks what differs between 2.0 and 3.0 (§14) once the provider is known.
 * Only what the protocol states is checked: no combination of fee fields is refused.
 */
final class SubmitFieldChecks {
    /** Fee_UserType: 0 destination, 1 source, 2 SP, 3 Fee_terminal_Id pays (§7.1 field 7). */
    static final int MAX_FEE_USER_TYPE = 3;
    /** Fee_terminal_type: 0 real, 1 pseudo number (§7.1 field 9, 3.0 only). */
    static final int MAX_FEE_TERMINAL_TYPE = 1;
    /** Msg_level: the spec gives no range (§16); 0..9 is our bound, covering what implementations send (9, 1). */
    static final int MAX_MSG_LEVEL = 9;
    /** TP_pId is one octet (§7.1 field 10, §9.2). */
    static final int MAX_TP_PID = 0xFF;
    /** ValId_Time / At_Time text: 16 characters {@code YYMMDDhhmmsstnnp}, the 17th octet is the NUL (§7.1). */
    static final int TIME_TEXT_LENGTH = CmppSubmit.TIME_LENGTH - 1;
    /** nn of the time format: quarter hours from UTC, at most 48 (12 hours). */
    static final int MAX_QUARTER_HOURS = 48;

    private SubmitFieldChecks() {
    }

    /** Printable ASCII of at most {@code max} characters: the charset of Octet Strings (§2). */
    static String ascii(String name, String value, int max) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw new IllegalArgumentException(name + ": \"" + value + "\" (expected: printable ASCII, at most "
                    + max + " characters)");
            }
        }
        return ConfigChecks.maxLength(name, value, max);
    }

    static String serviceId(String name, String value) {
        return ascii(name, value, CmppSubmit.SERVICE_ID_LENGTH);
    }

    static String feeTerminalId(String name, String value) {
        return ascii(name, value, CmppSubmit.MAX_TERMINAL_ID_LENGTH);
    }

    /** Empty means the provider's account. */
    static String msgSrc(String name, String value) {
        return ascii(name, value, CmppSubmit.MSG_SRC_LENGTH);
    }

    /** "01" free, "02" per message, "03" monthly, 2.0 also "04" capped and "05" charged by the SP (§7.1 field 14). */
    static String feeType(String name, String value) {
        if (value.length() != CmppSubmit.FEE_TYPE_LENGTH || value.charAt(0) != '0' || value.charAt(1) < '1'
            || value.charAt(1) > '5') {
            throw new IllegalArgumentException(name + ": \"" + value + "\" (expected: \"01\" free, \"02\" per "
                + "message, \"03\" monthly, \"04\" capped or \"05\" charged by the SP; 04 and 05 on CMPP 2.0 only)");
        }
        return value;
    }

    /** The price in fen: 1..6 digits (§7.1 field 15). */
    static String feeCode(String name, String value) {
        if (value.isEmpty() || value.length() > CmppSubmit.FEE_CODE_LENGTH
            || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(name + ": \"" + value + "\" (expected: 1.."
                + CmppSubmit.FEE_CODE_LENGTH + " digits, the price in fen, e.g. \"000010\")");
        }
        return value;
    }

    /**
     * ValId_Time or At_Time: empty (the ISMG's default, now), or the SMPP time format of §7.1: {@code YYMMDDhhmmss},
     * tenths {@code t}, quarter hours {@code nn} and {@code p}: '+' or '-' for an absolute time (offset from UTC),
     * 'R' for a time relative to now.
     */
    static String time(String name, String value) {
        if (value.isEmpty()) {
            return value;
        }
        boolean digits = value.length() == TIME_TEXT_LENGTH;
        for (int i = 0; digits && i < TIME_TEXT_LENGTH - 1; i++) {
            digits = value.charAt(i) >= '0' && value.charAt(i) <= '9';
        }
        char p = digits ? value.charAt(TIME_TEXT_LENGTH - 1) : ' ';
        if (!digits || p != '+' && p != '-' && p != 'R'
            || Integer.parseInt(value.substring(13, 15)) > MAX_QUARTER_HOURS) {
            throw new IllegalArgumentException(name + ": \"" + value + "\" (expected: \"\" for none, or "
                + TIME_TEXT_LENGTH + " characters YYMMDDhhmmsstnnp: nn quarter hours from UTC 00..48, p '+' or '-' "
                + "for an absolute time, 'R' for relative, e.g. \"151105131555101+\" or \"000001000000000R\")");
        }
        return value;
    }

    /**
     * What differs between 2.0 and 3.0 (docs/cmpp-protocol.md §14): the width of Fee_terminal_Id, Fee_terminal_type
     * and LinkID only on 3.0, FeeType 04 and 05 only on 2.0. A null value is not set here.
     *
     * @param prefix the path of the block ({@code submit.}), put before each key in a message
     * @param whose  which provider, for a block checked against another section's provider; empty for its own
     */
    static void fitVersion(String prefix, CmppVersion version, String whose, String feeTerminalId,
                           Integer feeTerminalType, String feeType, Duration linkIdReplyWindow) {
        String on = " on CMPP " + version.label() + whose;
        if (feeTerminalId != null && feeTerminalId.length() > version.terminalIdLength()) {
            throw new IllegalArgumentException(prefix + "feeTerminalId: \"" + feeTerminalId + "\" (expected: at most "
                + version.terminalIdLength() + " characters" + on + ")");
        }
        if (feeTerminalType != null && feeTerminalType != 0 && !version.hasTerminalType()) {
            throw new IllegalArgumentException(prefix + "feeTerminalType: " + feeTerminalType
                + " (expected: 0" + on + ", which has no Fee_terminal_type)");
        }
        if (feeType != null && version == CmppVersion.V30 && (feeType.equals("04") || feeType.equals("05"))) {
            throw new IllegalArgumentException(prefix + "feeType: \"" + feeType + "\" (expected: \"01\", \"02\" or "
                + "\"03\"" + on + ")");
        }
        if (linkIdReplyWindow != null && !linkIdReplyWindow.isZero() && version != CmppVersion.V30) {
            throw new IllegalArgumentException(prefix + "linkIdReplyWindow: " + Durations.format(linkIdReplyWindow)
                + " (expected: 0s" + on + ", which has no LinkID)");
        }
    }
}
