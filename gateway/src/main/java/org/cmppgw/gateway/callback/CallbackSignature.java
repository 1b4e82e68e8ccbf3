package org.cmppgw.gateway.callback;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The {@code signature} field of a callback (docs/api.md, "Callbacks"): lowercase hex SHA-1 of
 * {@code appKey={appKey}&appMasterSecret={masterSecret}&nonce={nonce}&timestamp={timestamp}}. The app recomputes it
 * with its own secret to check that the callback came from us.
 */
public final class CallbackSignature {
    /** Copied for each signature: a copy costs less than looking up the algorithm's provider. */
    private static final MessageDigest SHA1 = sha1();

    private CallbackSignature() {
    }

    /** The signature of one callback. */
    public static String sign(String appKey, String masterSecret, long nonce, long timestampMillis) {
        String text = "appKey=" + appKey + "&appMasterSecret=" + masterSecret + "&nonce=" + nonce
            + "&timestamp=" + timestampMillis;
        return HexFormat.of().formatHex(copy().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest copy() {
        try {
            return (MessageDigest) SHA1.clone();
        } catch (CloneNotSupportedException e) {
            // the JDK's SHA-1 is cloneable; another provider's may not be
            return sha1();
        }
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            // every Java platform must provide SHA-1 (MessageDigest Javadoc)
            throw new IllegalStateException("callback signature - SHA-1 unavailable", e);
        }
    }
}
