package org.cmppgw.cmpp.tool;

import java.io.ByteArrayOutputStream;

/**
 * Turns what an operator pastes into bytes: hex digits in either case, separated by any whitespace, each group
 * optionally prefixed with {@code 0x}; {@code #} starts a comment up to the end of the line, so the golden
 * {@code .hex} files can be piped in as they are.
 */
final class HexInput {
    private HexInput() {
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException naming the first problem: a non-hex character, an odd digit count, no digits
     */
    static byte[] parse(CharSequence text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length() / 2);
        int high = -1;
        int digits = 0;
        boolean groupStart = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                groupStart = true;
            } else if (c == '#') {
                i = endOfLine(text, i);
                groupStart = true;
            } else if (groupStart && c == '0' && i + 1 < text.length() && (text.charAt(i + 1) | 0x20) == 'x') {
                i++;
                groupStart = false;
            } else {
                int value = Character.digit(c, 16);
                if (value < 0 || c > 'f') {
                    throw new IllegalArgumentException(
                        "hex: '" + printable(c) + "' at character " + (i + 1) + " (expected: 0-9, a-f, A-F)");
                }
                groupStart = false;
                digits++;
                if (high < 0) {
                    high = value;
                } else {
                    bytes.write(high << 4 | value);
                    high = -1;
                }
            }
        }
        if (digits == 0) {
            throw new IllegalArgumentException("hex: no digits (expected: a PDU as hex, header included)");
        }
        if (high >= 0) {
            throw new IllegalArgumentException("hex: " + digits + " digits (expected: an even number, two per byte)");
        }
        return bytes.toByteArray();
    }

    private static int endOfLine(CharSequence text, int from) {
        int i = from;
        while (i + 1 < text.length() && text.charAt(i + 1) != '\n') {
            i++;
        }
        return i;
    }

    private static String printable(char c) {
        return c < 0x20 || c == 0x7F ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }
}
