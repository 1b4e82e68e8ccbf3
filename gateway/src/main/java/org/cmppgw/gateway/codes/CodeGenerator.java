package org.cmppgw.gateway.codes;

import java.security.SecureRandom;

/**
 * Draws verification codes: {@code length} decimal digits, each uniform (leading zeros included), from a
 * {@link SecureRandom}, so a code cannot be predicted from earlier ones. Thread-safe.
 */
public final class CodeGenerator {
    private final SecureRandom random;
    private final int length;

    public CodeGenerator(SecureRandom random, int length) {
        if (length < 1 || length > 18) {
            throw new IllegalArgumentException("length: " + length + " (expected: 1..18)");
        }
        this.random = random;
        this.length = length;
    }

    public String next() {
        char[] digits = new char[length];
        for (int i = 0; i < length; i++) {
            digits[i] = (char) ('0' + random.nextInt(10));
        }
        return new String(digits);
    }
}
