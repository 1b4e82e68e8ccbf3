package org.cmppgw.cmpp.pdu;

import static org.cmppgw.cmpp.ArgumentChecks.range;

/**
 * The 64-bit Msg_Id an ISMG assigns (docs/cmpp-protocol.md §8.1): month, day, hour, minute, second, a 22-bit gateway
 * code and a 16-bit sequence. {@code value} holds the unsigned bits in a signed {@code long}; compare ids by value,
 * never by a printed form. {@link #toString()} is the canonical 16-digit upper-case hex (§8.2).
 *
 * @param value the unsigned 64-bit id as its raw bits
 */
public record MsgId(long value) implements Comparable<MsgId> {
    /** An unset id (SUBMIT sends 0; SUBMIT_RESP with a non-zero Result often carries 0). */
    public static final MsgId ZERO = new MsgId(0);

    // Bit layout, docs/cmpp-protocol.md §8.1 table: shifts are 0-based.
    private static final int MONTH_SHIFT = 60;
    private static final int DAY_SHIFT = 55;
    private static final int HOUR_SHIFT = 50;
    private static final int MINUTE_SHIFT = 44;
    private static final int SECOND_SHIFT = 38;
    private static final int GATEWAY_SHIFT = 16;
    private static final long GATEWAY_MASK = 0x3FFFFFL;
    private static final long SEQUENCE_MASK = 0xFFFFL;
    /** The largest gateway code the 22-bit field holds. */
    public static final int MAX_GATEWAY = (int) GATEWAY_MASK;

    private static final int FORMATTED_LENGTH = 22;
    private static final int HEX_LENGTH = 16;

    /** Builds an id from its parts, validating each range. */
    public static MsgId of(int month, int day, int hour, int minute, int second, int gateway, int sequence) {
        range("month", month, 1, 12);
        range("day", day, 1, 31);
        range("hour", hour, 0, 23);
        range("minute", minute, 0, 59);
        range("second", second, 0, 59);
        range("gateway", gateway, 0, MAX_GATEWAY);
        range("sequence", sequence, 0, (int) SEQUENCE_MASK);
        return compose(month, day, hour, minute, second, gateway, sequence);
    }

    private static MsgId compose(int month, int day, int hour, int minute, int second, int gateway, int sequence) {
        return new MsgId((long) month << MONTH_SHIFT | (long) day << DAY_SHIFT | (long) hour << HOUR_SHIFT
            | (long) minute << MINUTE_SHIFT | (long) second << SECOND_SHIFT | (long) gateway << GATEWAY_SHIFT
            | sequence);
    }

    public int month() {
        return (int) (value >>> MONTH_SHIFT & 0xF);
    }

    public int day() {
        return (int) (value >>> DAY_SHIFT & 0x1F);
    }

    public int hour() {
        return (int) (value >>> HOUR_SHIFT & 0x1F);
    }

    public int minute() {
        return (int) (value >>> MINUTE_SHIFT & 0x3F);
    }

    public int second() {
        return (int) (value >>> SECOND_SHIFT & 0x3F);
    }

    /** The ISMG code as an integer (079101 → 79101). */
    public int gateway() {
        return (int) (value >>> GATEWAY_SHIFT & GATEWAY_MASK);
    }

    public int sequence() {
        return (int) (value & SEQUENCE_MASK);
    }

    /**
     * The id of destination {@code k} of a group send: {@code Msg_Id + k} on the full 64-bit value, with the
     * 16-bit sequence wrapping to 0 inside the range (§8.1, spec appendix 1).
     */
    public MsgId plus(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("k: " + k + " (expected: >= 0)");
        }
        long sequence = (value & SEQUENCE_MASK) + k & SEQUENCE_MASK;
        return new MsgId(value & ~SEQUENCE_MASK | sequence);
    }

    /** Unsigned decimal, as the spec and Go print it ("13464399221725396993"). */
    public String toUnsignedString() {
        return Long.toUnsignedString(value);
    }

    /** The 16-digit upper-case hex form, our canonical text form. */
    public String toHex() {
        String digits = Long.toHexString(value).toUpperCase(java.util.Locale.ROOT);
        return "0000000000000000".substring(digits.length()) + digits;
    }

    /** The 22-digit form MMDDHHMMSS + 7-digit gateway + 5-digit sequence that some Java gateways print. */
    public String toFormatted22() {
        StringBuilder sb = new StringBuilder(FORMATTED_LENGTH);
        pad(sb, month(), 2);
        pad(sb, day(), 2);
        pad(sb, hour(), 2);
        pad(sb, minute(), 2);
        pad(sb, second(), 2);
        pad(sb, gateway(), 7);
        pad(sb, sequence(), 5);
        return sb.toString();
    }

    /**
     * Reads any printed form of §8.2: 16 hex digits, 22-digit formatted, unsigned or signed decimal. Sixteen
     * characters are always hex: a decimal that short would be an id of month 0, while the canonical hex of a real id
     * can consist of digits only. Every form this record prints, for any value, parses back to that value.
     *
     * @throws IllegalArgumentException when the text is none of them
     */
    public static MsgId parse(String text) {
        String s = text.trim();
        try {
            if (s.startsWith("-")) {
                return new MsgId(Long.parseLong(s));
            }
            if (s.length() == HEX_LENGTH) {
                return new MsgId(Long.parseUnsignedLong(s, 16));
            }
            if (s.length() == FORMATTED_LENGTH && s.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return parseFormatted22(s);
            }
            return new MsgId(Long.parseUnsignedLong(s));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                "msgId: " + text + " (expected: 16 hex digits, 22-digit formatted or decimal)", e);
        }
    }

    /** Checks field widths, not calendar ranges, so the form of an unset id ("000…0") parses too. */
    private static MsgId parseFormatted22(String s) {
        int month = Integer.parseInt(s.substring(0, 2));
        int day = Integer.parseInt(s.substring(2, 4));
        int hour = Integer.parseInt(s.substring(4, 6));
        int minute = Integer.parseInt(s.substring(6, 8));
        int second = Integer.parseInt(s.substring(8, 10));
        int gateway = Integer.parseInt(s.substring(10, 17));
        int sequence = Integer.parseInt(s.substring(17, 22));
        range("month", month, 0, 0xF);
        range("day", day, 0, 0x1F);
        range("hour", hour, 0, 0x1F);
        range("minute", minute, 0, 0x3F);
        range("second", second, 0, 0x3F);
        range("gateway", gateway, 0, MAX_GATEWAY);
        range("sequence", sequence, 0, (int) SEQUENCE_MASK);
        return compose(month, day, hour, minute, second, gateway, sequence);
    }

    @Override
    public int compareTo(MsgId other) {
        return Long.compareUnsigned(value, other.value);
    }

    @Override
    public String toString() {
        return toHex();
    }

    private static void pad(StringBuilder sb, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            sb.append('0');
        }
        sb.append(digits);
    }
}
