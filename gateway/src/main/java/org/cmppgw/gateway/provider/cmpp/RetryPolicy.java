package org.cmppgw.gateway.provider.cmpp;

import org.cmppgw.cmpp.pdu.CmppSubmitResp;
import org.cmppgw.gateway.metrics.GatewayMetrics;

import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.LongUnaryOperator;

/**
 * What happens to a part the carrier did not take, in one place (docs/cmpp-protocol.md §11.2, §12.2, §12.3):
 * <ul>
 *   <li>Result 8, flow control: not a failure. The session pauses for a jittered time between
 *       {@code flowControlPauseMin} and {@code flowControlPauseMax} ({@link #refused} says how long) and the same part
 *       is sent again ({@link #sendAgain}), up to {@code flowControlMaxTries} sends answered with Result 8; after that
 *       the message fails with Result 8.</li>
 *   <li>Any other Result: the message fails with that Result.</li>
 *   <li>Unknown outcome (no response after all sends, or the connection went with the part in flight): the part is
 *       sent once more, first in line, and counted as a possible duplicate ({@code resentAfterCrash}); unknown again,
 *       the message fails as unknown.</li>
 *   <li>A failed message is abandoned: its parts still queued or coming back are dropped, not sent.</li>
 * </ul>
 * Stateless apart from the counters on each {@link PartTask}, which only the session holding the part touches.
 */
final class RetryPolicy {
    /** {@link #refused}: the part is not sent again, its message has failed. */
    static final long NO_RETRY = -1;

    private final int flowControlMaxTries;
    private final long pauseMinNanos;
    private final long pauseSpreadNanos;
    private final LongUnaryOperator jitter;
    private final PartOutcomes outcomes;
    private final Consumer<PartTask> resend;
    private final GatewayMetrics metrics;

    /**
     * @param jitter   given a bound, a number in {@code [0, bound]} (random in production, fixed in tests)
     * @param outcomes where failed and dropped parts are recorded
     * @param resend   sends a part again, first in line (on its session while that lives)
     * @param metrics  counts possible duplicates
     */
    RetryPolicy(PoolSettings settings, LongUnaryOperator jitter, PartOutcomes outcomes, Consumer<PartTask> resend,
                GatewayMetrics metrics) {
        this.flowControlMaxTries = settings.flowControlMaxTries();
        this.pauseMinNanos = settings.flowControlPauseMin().toNanos();
        this.pauseSpreadNanos = settings.flowControlPauseMax().toNanos() - pauseMinNanos;
        this.jitter = Objects.requireNonNull(jitter, "jitter");
        this.outcomes = Objects.requireNonNull(outcomes, "outcomes");
        this.resend = Objects.requireNonNull(resend, "resend");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** Uniformly random in {@code [0, bound]}, on whichever thread asks. */
    static long randomJitter(long bound) {
        return ThreadLocalRandom.current().nextLong(bound + 1);
    }

    /**
     * A SUBMIT_RESP with a Result other than 0.
     *
     * @return how long the session pauses before the part goes again through {@link #sendAgain} (Result 8 with
     *         tries left), or {@link #NO_RETRY} when the message has failed
     */
    long refused(PartTask task, int result) {
        if (result == CmppSubmitResp.RESULT_FLOW_CONTROL && ++task.flowControlTries < flowControlMaxTries) {
            return pauseMinNanos + jitter.applyAsLong(pauseSpreadNanos);
        }
        task.sms.abandon();
        outcomes.rejected(task, result);
        return NO_RETRY;
    }

    /** After the pause of a Result 8: the same part, first in line. */
    void sendAgain(PartTask task) {
        resend.accept(task);
    }

    /** No response after all sends, or the connection went with the part in flight (§12.3). */
    void unknownOutcome(PartTask task) {
        if (task.sms.isAbandoned()) {
            outcomes.dropped(task);
            return;
        }
        if (task.resubmitted) {
            task.sms.abandon();
            outcomes.unknown(task);
            return;
        }
        task.resubmitted = true;
        // A possible duplicate towards the carrier: counted like a resend after a crash.
        metrics.resentAfterCrash(1);
        resend.accept(task);
    }

    /**
     * Before a part is sent: a part of an abandoned message is dropped instead.
     *
     * @return true when the part was dropped and must not be sent
     */
    boolean dropIfAbandoned(PartTask task) {
        if (task.sms.isAbandoned()) {
            outcomes.dropped(task);
            return true;
        }
        return false;
    }
}
