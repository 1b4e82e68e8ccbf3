package org.cmppgw.gateway.logging;

/**
 * Handset numbers as they may appear in logs: the middle digits hidden, so an operator can still tell numbers apart
 * and recognise a country or carrier prefix, but a log file is not a list of subscribers.
 */
public final class Masked {
    private static final int KEPT_HEAD = 3;
    private static final int KEPT_TAIL = 4;

    private Masked() {
    }

    /**
     * {@code 13800138000} → {@code 138****8000}; numbers of 7 digits or fewer keep only their last 2; {@code null}
     * stays {@code "null"}.
     */
    public static String mobile(String number) {
        if (number == null) {
            return "null";
        }
        int length = number.length();
        if (length <= KEPT_HEAD + KEPT_TAIL) {
            int shown = Math.min(2, length);
            return "*".repeat(length - shown) + number.substring(length - shown);
        }
        return number.substring(0, KEPT_HEAD) + "*".repeat(length - KEPT_HEAD - KEPT_TAIL)
            + number.substring(length - KEPT_TAIL);
    }
}
