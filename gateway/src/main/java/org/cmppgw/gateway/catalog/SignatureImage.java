package org.cmppgw.gateway.catalog;

import java.util.Arrays;
import java.util.Objects;

/**
 * One supporting image of a signature (a business licence, a trademark certificate) as uploaded: its bytes and the
 * media type read from their first bytes. Equal by content.
 */
public final class SignatureImage {
    private final String mediaType;
    private final byte[] bytes;

    public SignatureImage(String mediaType, byte[] bytes) {
        this.mediaType = Objects.requireNonNull(mediaType, "mediaType");
        this.bytes = bytes.clone();
    }

    public String mediaType() {
        return mediaType;
    }

    /** A copy of the bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    public int size() {
        return bytes.length;
    }

    /**
     * The media type of an image by its signature bytes: JPEG, PNG, GIF or BMP; null for anything else.
     */
    public static String sniff(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return "image/jpeg";
        }
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return "image/png";
        }
        if (b.length >= 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8') {
            return "image/gif";
        }
        if (b.length >= 14 && b[0] == 'B' && b[1] == 'M') {
            return "image/bmp";
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignatureImage other && mediaType.equals(other.mediaType)
            && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return 31 * mediaType.hashCode() + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "SignatureImage[" + mediaType + ", " + bytes.length + " bytes]";
    }
}
