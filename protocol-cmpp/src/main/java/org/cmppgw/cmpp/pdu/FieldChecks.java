package org.cmppgw.cmpp.pdu;

import org.cmppgw.cmpp.ArgumentChecks;

import java.util.Objects;

/** Range checks shared by the PDU records' compact constructors; messages follow Netty's argument-error shape. */
final class FieldChecks {
    static final long UINT32_MAX = 0xFFFFFFFFL;

    private FieldChecks() {
    }

    static int uint8(String name, int value) {
        return ArgumentChecks.range(name, value, 0, 0xFF);
    }

    static long uint32(String name, long value) {
        return ArgumentChecks.range(name, value, 0, UINT32_MAX);
    }

    /**
     * An Octet String value: at most {@code maxLength} characters, each a single byte (ISO-8859-1), no NUL.
     * The width checked is the wider of the two versions; the encoder checks the link's width.
     */
    static String octets(String name, String value, int maxLength) {
        Objects.requireNonNull(value, name);
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(
                name + ": \"" + value + "\" (expected: at most " + maxLength + " characters)");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0 || c > 0xFF) {
                throw new IllegalArgumentException(
                    name + ": \"" + value + "\" (expected: single-byte characters without NUL)");
            }
        }
        return value;
    }
}
