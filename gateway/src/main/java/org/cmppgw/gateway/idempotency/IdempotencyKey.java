package org.cmppgw.gateway.idempotency;

/**
 * The form of an {@code Idempotency-Key} header (docs/api.md "When the database is slow or down"): 1 to
 * {@value #MAX_LENGTH} visible ASCII characters, compared exactly; a key belongs to the app that sent it.
 */
public final class IdempotencyKey {
    /** The request header that carries the key. */
    public static final String HEADER = "Idempotency-Key";
    /** The longest key (the width of {@code idempotency_key.idem_key}, db/vendor/&lt;db&gt;/V15). */
    public static final int MAX_LENGTH = 64;

    private IdempotencyKey() {
    }

    /** What is wrong with {@code key}, in the error message's words; null when it is a valid key. */
    public static String problem(String key) {
        if (key.isEmpty() || key.length() > MAX_LENGTH) {
            return "invalid " + HEADER + ": " + key.length() + " characters (expected: 1.." + MAX_LENGTH + ")";
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return "invalid " + HEADER + ": character " + (i + 1) + " is not visible ASCII (expected: letters,"
                    + " digits and punctuation, e.g. a UUID)";
            }
        }
        return null;
    }
}
