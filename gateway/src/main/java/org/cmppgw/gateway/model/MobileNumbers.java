package org.cmppgw.gateway.model;

/**
 * Mainland China mobile numbers, in the one form the gateway stores and matches: 11 digits; and numbers outside the
 * mainland (Global SMS) as {@code 00} + country code + number. An {@code 86} or
 * {@code +86} country prefix is dropped (docs/cmpp-protocol.md §10.3 [R]). Checked without regular expressions: it runs
 * once per recipient and per report.
 */
public final class MobileNumbers {
    /** Digits of a national mobile number. */
    public static final int LENGTH = 11;
    /** What stored international numbers start with: the international call prefix used in China. */
    public static final String INTERNATIONAL_PREFIX = "00";
    /** E.164: country code + number at most 15 digits; shorter than 7 is no mobile number anywhere. */
    public static final int MAX_INTERNATIONAL_DIGITS = 15;
    public static final int MIN_INTERNATIONAL_DIGITS = 7;
    private static final String MAINLAND_COUNTRY_CODE = "86";

    private MobileNumbers() {
    }

    /**
     * Drops an {@code 86}/{@code +86} prefix in front of 11 digits; anything else is returned as received. For numbers
     * the carrier sends (MO senders, report destinations), which are stored whatever their shape.
     */
    public static String stripCountryCode(String msisdn) {
        int prefix = msisdn.length() - LENGTH;
        if (prefix == 2 && msisdn.startsWith("86") || prefix == 3 && msisdn.startsWith("+86")) {
            return msisdn.substring(prefix);
        }
        return msisdn;
    }

    /**
     * A number outside the mainland in the form the gateway stores and submits: {@code 00} + country code + number
     * (docs/api.md "Global SMS"), or null when {@code raw} is not one. Accepted as {@code +852…}, {@code 00852…} or
     * bare {@code 852…} (the JSMS console form) when it starts with 2–9: a bare number starting with 1 stays a
     * mainland number, so NANP numbers (+1) need the {@code +} or {@code 00}. 7..15 digits after the prefix
     * (E.164), not starting with 0; country code 86 is the mainland and never international.
     */
    public static String international(String raw) {
        String digits;
        if (raw.startsWith("+")) {
            digits = raw.substring(1);
        } else if (raw.startsWith("00")) {
            digits = raw.substring(2);
        } else if (!raw.isEmpty() && raw.charAt(0) >= '2' && raw.charAt(0) <= '9') {
            digits = raw;
        } else {
            return null;
        }
        if (digits.length() < MIN_INTERNATIONAL_DIGITS || digits.length() > MAX_INTERNATIONAL_DIGITS
            || digits.charAt(0) == '0' || digits.startsWith(MAINLAND_COUNTRY_CODE)) {
            return null;
        }
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        return INTERNATIONAL_PREFIX + digits;
    }

    /** Whether {@code mobile}, as stored, is a number outside the mainland ({@link #international}). */
    public static boolean isInternational(String mobile) {
        return mobile.startsWith(INTERNATIONAL_PREFIX);
    }

    /**
     * The 11-digit number (1, then 3–9, then 9 digits) as JSMS accepts it, or null when {@code raw} is not a valid
     * mobile number. For numbers apps send.
     */
    public static String normalize(String raw) {
        String s = stripCountryCode(raw);
        if (s.length() != LENGTH || s.charAt(0) != '1' || s.charAt(1) < '3' || s.charAt(1) > '9') {
            return null;
        }
        for (int i = 2; i < LENGTH; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        return s;
    }
}
