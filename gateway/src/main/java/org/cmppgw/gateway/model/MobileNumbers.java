package org.cmppgw.gateway.model;

/**
 * Mainland China mobile numbers, in the one form the gateway stores and matches: 11 digits. An {@code 86} or
 * {@code +86} country prefix is dropped (docs/cmpp-protocol.md §10.3 [R]). Checked without regular expressions: it runs
 * once per recipient and per report.
 */
public final class MobileNumbers {
    /** Digits of a national mobile number. */
    public static final int LENGTH = 11;

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
