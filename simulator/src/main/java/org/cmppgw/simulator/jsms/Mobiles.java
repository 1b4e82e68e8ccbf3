package org.cmppgw.simulator.jsms;

/**
 * Mainland mobile numbers as the JSMS API accepts them: 11 digits, {@code 13x}–{@code 19x}, with an optional
 * {@code +86} or {@code 86} prefix that is stripped. Shared by the load generator, which makes them, and the fake
 * endpoint, which checks them.
 */
public final class Mobiles {
    public static final int LENGTH = 11;

    private Mobiles() {
    }

    /** The 11-digit form of {@code text}, or {@code null} when it is not a valid number. */
    public static String normalize(String text) {
        String digits = text;
        if (digits.startsWith("+86")) {
            digits = digits.substring(3);
        } else if (digits.startsWith("86") && digits.length() == LENGTH + 2) {
            digits = digits.substring(2);
        }
        return isValid(digits) ? digits : null;
    }

    public static boolean isValid(CharSequence digits) {
        if (digits.length() != LENGTH || digits.charAt(0) != '1' || digits.charAt(1) < '3') {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
