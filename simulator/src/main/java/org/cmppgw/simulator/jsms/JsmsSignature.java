package org.cmppgw.simulator.jsms;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The JSMS callback signature: lowercase hex SHA-1 of
 * {@code appKey={appKey}&appMasterSecret={masterSecret}&nonce={nonce}&timestamp={timestamp}} (docs/api.md,
 * "Callbacks"). One instance per app; it reuses one digest, so each instance belongs to one thread (an event loop).
 */
public final class JsmsSignature {
    private static final HexFormat HEX = HexFormat.of();

    private final String prefix;
    private final MessageDigest sha1;

    public JsmsSignature(String appKey, String masterSecret) {
        this.prefix = "appKey=" + appKey + "&appMasterSecret=" + masterSecret + "&nonce=";
        try {
            this.sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("jsms signature - the JDK has no SHA-1", e);
        }
    }

    /** The signature for {@code nonce} and {@code timestamp} (epoch ms), as decimal text. */
    public String sign(String nonce, String timestamp) {
        byte[] input = (prefix + nonce + "&timestamp=" + timestamp).getBytes(StandardCharsets.UTF_8);
        return HEX.formatHex(sha1.digest(input));
    }

    /** Whether {@code signature} matches, compared in constant time. */
    public boolean verify(String nonce, String timestamp, String signature) {
        byte[] expected = sign(nonce, timestamp).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "JsmsSignature[masterSecret=****]";
    }
}
