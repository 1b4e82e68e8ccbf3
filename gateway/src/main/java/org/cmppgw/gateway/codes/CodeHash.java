package org.cmppgw.gateway.codes;

import java.util.Arrays;

/**
 * What the store keeps of a code: a random salt and {@code HMAC-SHA256(hashKey || salt, code)}. Content equality;
 * {@code toString} prints neither.
 */
public final class CodeHash {
    public static final int SALT_LENGTH = 16;
    public static final int HASH_LENGTH = 32;

    private final byte[] salt;
    private final byte[] hash;

    public CodeHash(byte[] salt, byte[] hash) {
        if (salt == null || salt.length != SALT_LENGTH) {
            throw new IllegalArgumentException("salt: " + (salt == null ? "null" : salt.length + " bytes")
                + " (expected: " + SALT_LENGTH + " bytes)");
        }
        if (hash == null || hash.length != HASH_LENGTH) {
            throw new IllegalArgumentException("hash: " + (hash == null ? "null" : hash.length + " bytes")
                + " (expected: " + HASH_LENGTH + " bytes)");
        }
        this.salt = salt.clone();
        this.hash = hash.clone();
    }

    public byte[] salt() {
        return salt.clone();
    }

    public byte[] hash() {
        return hash.clone();
    }

    /** Reads the hash without copying, for a constant-time comparison inside this package. */
    byte[] hashBytes() {
        return hash;
    }

    byte[] saltBytes() {
        return salt;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CodeHash other && Arrays.equals(salt, other.salt) && Arrays.equals(hash, other.hash);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(salt) + Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
        return "CodeHash(******)";
    }
}
