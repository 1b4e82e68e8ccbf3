package org.cmppgw.gateway.codes;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Hashes codes as {@code HMAC-SHA256(hashKey || salt, code)} with a fresh 16-byte salt per code, and checks a guess in
 * constant time ({@link MessageDigest#isEqual}).
 *
 * <p>Why keyed and salted rather than a plain salted SHA-256: a code has only 10^6 values (6 digits), so whoever can
 * read the table could try them all against a salted hash in milliseconds. The key ({@code codes.hashKey}) lives in the
 * configuration, not in the database, so the table alone gives nothing; the salt still makes two equal codes hash
 * differently. With an empty key it degrades to a salted hash, which is documented in config/gateway.yaml.
 * Thread-safe: a {@link Mac} per call (cheap next to the store round trip).
 */
public final class CodeHasher {
    private static final String ALGORITHM = "HmacSHA256";

    private final byte[] key;
    private final SecureRandom random;

    public CodeHasher(String hashKey, SecureRandom random) {
        this.key = hashKey.getBytes(StandardCharsets.UTF_8);
        this.random = random;
    }

    /** A new salt and the code's hash with it. */
    public CodeHash hash(String code) {
        byte[] salt = new byte[CodeHash.SALT_LENGTH];
        random.nextBytes(salt);
        return new CodeHash(salt, mac(salt, code));
    }

    /**
     * Whether {@code guess} is the code {@code stored} was made from; the time taken does not depend on where they
     * differ.
     */
    public boolean matches(CodeHash stored, String guess) {
        return MessageDigest.isEqual(stored.hashBytes(), mac(stored.saltBytes(), guess));
    }

    private byte[] mac(byte[] salt, String code) {
        byte[] keyAndSalt = new byte[key.length + salt.length];
        System.arraycopy(key, 0, keyAndSalt, 0, key.length);
        System.arraycopy(salt, 0, keyAndSalt, key.length, salt.length);
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(keyAndSalt, ALGORITHM));
            return mac.doFinal(code.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("codes - " + ALGORITHM + " unavailable (" + e + ")", e);
        }
    }
}
