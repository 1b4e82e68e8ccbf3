package org.cmppgw.gateway.config;

import java.time.Duration;

/**
 * The {@code codes} section: verification codes the gateway generates ({@code POST /v1/codes}) and checks
 * ({@code POST /v1/codes/{msg_id}/valid}), docs/api.md "Verification codes".
 *
 * @param length           digits per generated code; the JSMS SDK checks a code as exactly 6 digits before sending it
 * @param maxFailedGuesses wrong codes a message may be checked with; the next check of it is 50010 even with the right
 *                         code (the code is dead)
 * @param hashKey          secret mixed into every code's hash (HMAC-SHA256 key with the row's own salt), kept out of
 *                         the database so that reading the table does not give the codes; the same on every node;
 *                         empty = salt only (masked in {@code toString})
 * @param keepExpired      how long a row is kept after its expiry, so that a late check still answers 50011
 *                         (expired) rather than 50026 (unknown msg_id); then the sweep deletes it
 * @param sweepInterval    how often expired rows are deleted
 */
public record CodesConfig(int length, int maxFailedGuesses, Secret hashKey, Duration keepExpired,
                          Duration sweepInterval) {
    public static final int MIN_LENGTH = 4;
    public static final int MAX_LENGTH = 10;

    public CodesConfig {
        ConfigChecks.range("length", length, MIN_LENGTH, MAX_LENGTH);
        ConfigChecks.range("maxFailedGuesses", maxFailedGuesses, 1, 1000);
        hashKey = hashKey == null ? Secret.of("") : hashKey;
        ConfigChecks.notNegative("keepExpired", keepExpired);
        ConfigChecks.positive("sweepInterval", sweepInterval);
    }

    /** The built-in defaults (config/gateway.yaml). */
    public static CodesConfig defaults() {
        return new CodesConfig(6, 5, Secret.of(""), Duration.ofHours(24), Duration.ofMinutes(1));
    }
}
