package org.cmppgw.gateway.intake;

import org.cmppgw.gateway.persistence.AcceptHook;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where the API hands admitted messages: the message store's durable, batched accept (docs/design.md §3, "nothing
 * accepted is lost"). The API answers with the msg ids only once the future completes, so an id is never given out for
 * a message that is not yet durable.
 *
 * <p>Called on an API event loop: {@link #accept} must not block. When it cannot take the messages now (its queue is
 * full, the database is overloaded) it returns {@link #refused} at once; the API then answers 503 / 50019 and the
 * client retries later. That is the back-pressure that keeps the heap bounded.
 */
@FunctionalInterface
public interface MessageIntake {
    /**
     * Takes the messages of one request: all or none, but for the recipients the per-mobile rules refuse.
     *
     * @param messages one per accepted recipient, in request order; never empty
     * @return completes with one msg id per message, in the same order, after their group commit (a negative entry
     *     is a recipient the store's per-mobile rules refused: minus its JSMS code, see {@link #refusal}); or
     *     exceptionally with {@link IntakeRefusedException} (503 / 50019) or any other exception (500 / 50019). It
     *     may complete on any thread; the API moves back to its event loop.
     */
    CompletableFuture<long[]> accept(List<AcceptedMessage> messages);

    /**
     * As {@link #accept(List)}, with {@code hook} run in the transaction that stores them (a scheduled send marks
     * itself sent there). An intake without a transactional store cannot.
     */
    default CompletableFuture<long[]> accept(List<AcceptedMessage> messages, AcceptHook hook) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException(
            "intake - " + getClass().getSimpleName() + " cannot run work in its store's transaction"));
    }

    /**
     * Withdraws messages still waiting to be stored, when the API stops waiting ({@code server.acceptTimeout}).
     * True: they will never be stored nor sent, and {@code accepting} fails with {@link IntakeRefusedException}.
     * False: they are being stored (or the intake cannot withdraw), and {@code accepting} completes as usual.
     *
     * @param accepting a future this intake's {@link #accept} returned
     */
    default boolean withdraw(CompletableFuture<long[]> accepting) {
        return false;
    }

    /** The error of a refused entry of {@link #accept}'s ids, or null when the entry is a msg id. */
    static ApiError refusal(long id) {
        return id < 0 ? ApiError.ofRecipientRule((int) -id) : null;
    }

    /** A future already failed with {@link IntakeRefusedException}: how an intake says "busy, try later". */
    static CompletableFuture<long[]> refused(String reason) {
        return CompletableFuture.failedFuture(new IntakeRefusedException(reason));
    }
}
