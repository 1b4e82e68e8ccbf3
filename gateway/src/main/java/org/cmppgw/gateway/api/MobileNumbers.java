package org.cmppgw.gateway.api;

/**
 * Mainland China mobile numbers as JSMS accepts them: 11 digits starting with 13–19, optionally prefixed with
 * {@code +86} or {@code 86} (stripped). Checked without regular expressions: it runs once per recipient.
 */
final class MobileNumbers {
    static final int LENGTH = 11;

    private MobileNumbers() {
    }

    /** The 11-digit number, or null when {@code raw} is not a valid mobile. */
    static String normalize(String raw) {
        String s = raw;
        if (s.length() == LENGTH + 3 && s.startsWith("+86")) {
            s = s.substring(3);
        } else if (s.length() == LENGTH + 2 && s.startsWith("86")) {
            s = s.substring(2);
        }
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
