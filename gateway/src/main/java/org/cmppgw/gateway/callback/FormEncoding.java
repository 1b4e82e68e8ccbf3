package org.cmppgw.gateway.callback;

/**
 * Appends a value to an {@code application/x-www-form-urlencoded} body exactly as
 * {@link java.net.URLEncoder#encode(String, java.nio.charset.Charset) URLEncoder} does with UTF-8: letters, digits and
 * {@code . - * _} as they are, a space as {@code +}, every other character as the {@code %XX} (upper case) of its
 * UTF-8 bytes, and a lone surrogate as {@code ?} would be ({@code %3F}).
 *
 * <p>Written out because {@code URLEncoder} allocates a writer, a string and a byte array for every run of characters
 * it escapes, and a callback's {@code data} field is JSON, where every few characters are quotes, colons or commas:
 * it was most of the callback form's cost (see the callback form benchmark in benchmarks/).
 */
final class FormEncoding {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private FormEncoding() {
    }

    /** Appends {@code value}, form-encoded, to {@code out}. */
    static void append(StringBuilder out, String value) {
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (unescaped(c)) {
                out.append(c);
            } else if (c == ' ') {
                out.append('+');
            } else if (c < 0x80) {
                escape(out, c);
            } else if (c < 0x800) {
                escape(out, 0xC0 | c >> 6);
                escape(out, 0x80 | c & 0x3F);
            } else if (!Character.isSurrogate(c)) {
                escape(out, 0xE0 | c >> 12);
                escape(out, 0x80 | c >> 6 & 0x3F);
                escape(out, 0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < length
                && Character.isLowSurrogate(value.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(c, value.charAt(++i));
                escape(out, 0xF0 | codePoint >> 18);
                escape(out, 0x80 | codePoint >> 12 & 0x3F);
                escape(out, 0x80 | codePoint >> 6 & 0x3F);
                escape(out, 0x80 | codePoint & 0x3F);
            } else {
                // what String.getBytes(UTF_8) makes of a lone surrogate
                escape(out, '?');
            }
        }
    }

    private static boolean unescaped(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
            || c == '.' || c == '-' || c == '*' || c == '_';
    }

    private static void escape(StringBuilder out, int octet) {
        out.append('%').append(HEX[octet >> 4 & 0xF]).append(HEX[octet & 0xF]);
    }
}
