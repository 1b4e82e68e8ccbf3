package org.cmppgw.gateway.correlation;

/**
 * Whether a status report's Dest_terminal_Id names the handset a message was sent to (docs/cmpp-protocol.md §10.2).
 * Carriers write the number as they know it: with or without "+", with the country code ("86…") or without. So two
 * numbers are the same handset when their digits are equal, or when one ends with the other and the extra digits in
 * front (a country code, perhaps after "00") are at most {@link #MAX_PREFIX_DIGITS}. A report without a number
 * cannot be checked and is taken as matching.
 */
final class Handsets {
    /** "00" and a three-digit country code. */
    static final int MAX_PREFIX_DIGITS = 5;
    /** Shorter than this, a suffix says nothing about the handset. */
    private static final int MIN_NUMBER_DIGITS = 7;

    private Handsets() {
    }

    static boolean same(String reported, String sentTo) {
        String a = normalized(reported);
        if (a.isEmpty()) {
            return true;
        }
        String b = normalized(sentTo);
        if (a.equals(b)) {
            return true;
        }
        String longer = a.length() > b.length() ? a : b;
        String shorter = longer == a ? b : a;
        return shorter.length() >= MIN_NUMBER_DIGITS && longer.length() - shorter.length() <= MAX_PREFIX_DIGITS
            && longer.endsWith(shorter);
    }

    private static String normalized(String number) {
        String trimmed = number == null ? "" : number.strip();
        return trimmed.startsWith("+") ? trimmed.substring(1) : trimmed;
    }
}
