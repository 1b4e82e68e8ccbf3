package org.cmppgw.gateway.codes;

import org.cmppgw.gateway.config.CodesConfig;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Issues and checks verification codes (docs/api.md "Verification codes"). A check answers, in this order: unknown
 * msg_id or another app's (50026), already verified (50012), expired (50011: at or after accept time + ttl), too many
 * wrong tries (50010, even for the right code), wrong code (50010, counted), else valid. The right code is accepted
 * only through a conditional update, so of two simultaneous checks on two nodes exactly one is valid.
 */
public final class VerificationCodes {
    private final CodeStore store;
    private final CodeGenerator generator;
    private final CodeHasher hasher;
    private final int maxFailedGuesses;
    private final Clock clock;

    public VerificationCodes(CodeStore store, CodeGenerator generator, CodeHasher hasher, int maxFailedGuesses,
                             Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.generator = Objects.requireNonNull(generator, "generator");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.maxFailedGuesses = maxFailedGuesses;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public static VerificationCodes of(CodeStore store, CodesConfig config, Clock clock) {
        SecureRandom random = new SecureRandom();
        return new VerificationCodes(store, new CodeGenerator(random, config.length()),
            new CodeHasher(config.hashKey().value(), random), config.maxFailedGuesses(), clock);
    }

    /** A new code, to be rendered into the template and then {@link #save}d with the message's msg_id. */
    public String newCode() {
        return generator.next();
    }

    /** Keeps the hash of a code that was sent as message {@code msgId}. */
    public CompletableFuture<Void> save(long msgId, String appKey, String code, Instant expiresAt) {
        return store.save(StoredCode.issued(msgId, appKey, hasher.hash(code), expiresAt));
    }

    public CompletableFuture<CodeCheck> check(String appKey, long msgId, String guess) {
        return store.find(msgId).thenCompose(found -> decide(appKey, found, guess));
    }

    private CompletableFuture<CodeCheck> decide(String appKey, Optional<StoredCode> found, String guess) {
        if (found.isEmpty() || !found.get().appKey().equals(appKey)) {
            return done(CodeCheck.UNKNOWN);
        }
        StoredCode code = found.get();
        Instant now = clock.instant();
        if (code.verifiedAt() != null) {
            return done(CodeCheck.VERIFIED);
        }
        if (!now.isBefore(code.expiresAt())) {
            return done(CodeCheck.EXPIRED);
        }
        if (code.failedTries() >= maxFailedGuesses) {
            return done(CodeCheck.INVALID);
        }
        if (!hasher.matches(code.hash(), guess)) {
            return store.countFailure(code.msgId()).thenApply(ignored -> CodeCheck.INVALID);
        }
        return store.markVerified(code.msgId(), maxFailedGuesses, now).thenCompose(verified -> verified
            ? done(CodeCheck.VALID)
            // lost a race: read again and answer what it became (verified by the other check, or dead)
            : store.find(code.msgId()).thenApply(again -> again.isPresent() && again.get().verifiedAt() != null
                ? CodeCheck.VERIFIED : CodeCheck.INVALID));
    }

    private static CompletableFuture<CodeCheck> done(CodeCheck check) {
        return CompletableFuture.completedFuture(check);
    }
}
