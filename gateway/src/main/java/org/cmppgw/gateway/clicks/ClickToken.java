package org.cmppgw.gateway.clicks;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The id of one tracked link: random bytes from a {@link SecureRandom}, written base64url without padding, the last
 * segment of its tracking URL (docs/api.md "Click tracking"). Stored as its bytes, which compare exactly (a text
 * column could compare without case on MariaDB).
 *
 * @param text the base64url form, {@link #length} characters of {@code [A-Za-z0-9_-]}
 */
public record ClickToken(String text) {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    public ClickToken {
        if (!wellFormed(text)) {
            throw new IllegalArgumentException("text: " + text + " (expected: base64url of 16..32 bytes)");
        }
    }

    /** A new token of {@code bytes} random bytes. */
    public static ClickToken random(SecureRandom random, int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return new ClickToken(ENCODER.encodeToString(value));
    }

    /** The token written in a tracking URL, or null when it cannot be one (a 404 without asking the store). */
    public static ClickToken parse(String text, int bytes) {
        if (text == null || text.length() != length(bytes) || !wellFormed(text)) {
            return null;
        }
        ClickToken token = new ClickToken(text);
        // the decoder ignores the unused low bits of the last character: only the canonical text names the token
        return ENCODER.encodeToString(token.bytes()).equals(text) ? token : null;
    }

    /** The characters of a token of {@code bytes} bytes. */
    public static int length(int bytes) {
        return (bytes * 8 + 5) / 6;
    }

    /** The bytes, as stored. */
    public byte[] bytes() {
        return DECODER.decode(text);
    }

    private static boolean wellFormed(String text) {
        if (text == null || text.length() < length(16) || text.length() > length(32)) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        // a length no byte count gives (e.g. 4k+1 characters) is not base64url
        return text.length() % 4 != 1;
    }
}
