package org.cmppgw.gateway.codes;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Where codes are kept so that any node can check them, before and after a restart. Every method completes on the
 * store's own thread; the conditional updates are what make concurrent checks of one code safe across nodes.
 */
public interface CodeStore {
    /** Stores a code just sent. */
    CompletableFuture<Void> save(StoredCode code);

    CompletableFuture<Optional<StoredCode>> find(long msgId);

    /**
     * Marks the code verified if it still may be: not verified yet, fewer than {@code maxFailedTries} wrong tries,
     * not expired at {@code now}.
     *
     * @return whether this call verified it (false: another check got there first, or it died meanwhile)
     */
    CompletableFuture<Boolean> markVerified(long msgId, int maxFailedTries, Instant now);

    /** Counts one wrong try against a code that is not verified. */
    CompletableFuture<Void> countFailure(long msgId);

    /** Deletes codes that expired before {@code before}; blocks (the sweep's thread). */
    int deleteExpired(Instant before);
}
