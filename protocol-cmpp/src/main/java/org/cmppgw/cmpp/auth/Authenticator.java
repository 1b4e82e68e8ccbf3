package org.cmppgw.cmpp.auth;

import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.ImmutableBytes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A 16-byte MD5 authenticator: AuthenticatorSource in CONNECT (docs/cmpp-protocol.md §5.3) or AuthenticatorISMG in
 * CONNECT_RESP (§5.4). Raw bytes, never run through a charset. {@link #toString()} never prints them, because an
 * authenticator plus a timestamp is what a replay needs.
 */
public final class Authenticator extends ImmutableBytes {
    public static final int LENGTH = 16;
    /** What an ISMG sends in a failed CONNECT_RESP (§5.4). */
    public static final Authenticator ZERO = new Authenticator(new byte[LENGTH]);

    /** The 9 zero bytes between Source_Addr and the secret in AuthenticatorSource. */
    private static final int SOURCE_ZERO_PADDING = 9;

    private Authenticator(byte[] bytes) {
        super(checkLength(bytes));
    }

    /** A copy of 16 raw bytes. */
    public static Authenticator of(byte[] bytes) {
        return new Authenticator(bytes.clone());
    }

    public static Authenticator ofHex(String hex) {
        return new Authenticator(HexFormat.of().parseHex(hex));
    }

    /**
     * AuthenticatorSource = MD5(Source_Addr ‖ 9 × 0x00 ‖ secret ‖ Timestamp as 10 zero-padded ASCII digits).
     *
     * @param sourceAddr the SP_Id as configured (hashed raw, not padded to 6 bytes; §16)
     * @param secret     the shared secret
     * @param timestamp  the CONNECT Timestamp (MMDDHHMMSS as a number)
     */
    public static Authenticator source(String sourceAddr, String secret, long timestamp) {
        MessageDigest md5 = md5();
        md5.update(sourceAddr.getBytes(StandardCharsets.ISO_8859_1));
        md5.update(new byte[SOURCE_ZERO_PADDING]);
        md5.update(secret.getBytes(StandardCharsets.UTF_8));
        md5.update(CmppTimestamp.digits(timestamp).getBytes(StandardCharsets.US_ASCII));
        return new Authenticator(md5.digest());
    }

    /**
     * AuthenticatorISMG = MD5(Status ‖ AuthenticatorSource ‖ secret), with Status hashed at its wire width:
     * 1 byte on 2.0 links, 4 bytes big-endian on 3.0 (§5.4, §16).
     */
    public static Authenticator ismg(long status, CmppVersion version, Authenticator source, String secret) {
        MessageDigest md5 = md5();
        if (version.resultLength() == 1) {
            md5.update((byte) status);
        } else {
            md5.update(new byte[] {(byte) (status >>> 24), (byte) (status >>> 16), (byte) (status >>> 8),
                (byte) status});
        }
        md5.update(source.bytes());
        md5.update(secret.getBytes(StandardCharsets.UTF_8));
        return new Authenticator(md5.digest());
    }

    /** Constant-time comparison, so a peer cannot time its way to a valid authenticator. */
    public boolean matches(Authenticator other) {
        return MessageDigest.isEqual(bytes(), other.bytes());
    }

    public boolean isZero() {
        return matches(ZERO);
    }

    @Override
    public String toString() {
        return "Authenticator[****]";
    }

    private static byte[] checkLength(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("authenticator: " + bytes.length + " bytes (expected: 16)");
        }
        return bytes;
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 - not available in this JRE", e);
        }
    }
}
