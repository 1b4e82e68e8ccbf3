package org.cmppgw.gateway.codes;

import java.time.Instant;
import java.util.Objects;

/**
 * A code as the store keeps it (table {@code verification_code}).
 *
 * @param msgId       the message that carried the code
 * @param appKey      the app that asked for it; only it may check it
 * @param hash        salt and keyed hash of the code
 * @param expiresAt   accept time + the template's ttl; a check at or after this instant is too late
 * @param failedTries wrong checks so far
 * @param verifiedAt  when it was checked successfully; null while not
 */
public record StoredCode(long msgId, String appKey, CodeHash hash, Instant expiresAt, int failedTries,
                         Instant verifiedAt) {
    public StoredCode {
        Objects.requireNonNull(appKey, "appKey");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (failedTries < 0) {
            throw new IllegalArgumentException("failedTries: " + failedTries + " (expected: >= 0)");
        }
    }

    /** A code just sent: not tried, not verified. */
    public static StoredCode issued(long msgId, String appKey, CodeHash hash, Instant expiresAt) {
        return new StoredCode(msgId, appKey, hash, expiresAt, 0, null);
    }
}
