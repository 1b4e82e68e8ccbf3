package org.cmppgw.testing;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AwaitTest {

    @Test
    void returnsOnceTheConditionHolds() {
        AtomicInteger polls = new AtomicInteger();

        Await.until("the third poll", () -> polls.incrementAndGet() >= 3);

        assertThat(polls).hasValue(3);
    }

    @Test
    void aTimeoutSaysWhatWasAwaited() {
        assertThatThrownBy(() -> Await.until("the queue drained", Duration.ofMillis(50), () -> false))
            .isInstanceOf(AssertionError.class)
            .hasMessage("not within 50 ms: the queue drained");
    }

    @Test
    void aTimeoutShowsTheStateAtTheDeadline() {
        AtomicInteger polls = new AtomicInteger();

        assertThatThrownBy(() -> Await.until("the queue drained", Duration.ofMillis(50),
            () -> polls.incrementAndGet() < 0, () -> "queued=" + polls.get()))
            .isInstanceOf(AssertionError.class)
            .hasMessageStartingWith("not within 50 ms: the queue drained (state: queued=")
            .hasMessageNotContaining("queued=0)");
    }

    @Test
    void aStateThatCannotBeReadStillFailsWithWhatWasAwaited() {
        assertThatThrownBy(() -> Await.until("the queue drained", Duration.ofMillis(50), () -> false,
            () -> {
                throw new IllegalStateException("store closed");
            }))
            .isInstanceOf(AssertionError.class)
            .hasMessage("not within 50 ms: the queue drained (state unknown: java.lang.IllegalStateException: "
                + "store closed)");
    }

    @Test
    void resultOfADoneFuture() {
        assertThat(Await.result("login", CompletableFuture.completedFuture("session"))).isEqualTo("session");
    }

    @Test
    void aFailedFutureFailsResultWithItsCause() {
        IllegalStateException cause = new IllegalStateException("refused");

        assertThatThrownBy(() -> Await.result("login", CompletableFuture.failedFuture(cause)))
            .isInstanceOf(AssertionError.class)
            .hasMessage("login - failed: " + cause)
            .hasCause(cause);
        assertThat(Await.failure("login", CompletableFuture.failedFuture(cause))).isSameAs(cause);
    }

    @Test
    void failureOfASucceededFutureFails() {
        assertThatThrownBy(() -> Await.failure("login", CompletableFuture.completedFuture("session")))
            .isInstanceOf(AssertionError.class)
            .hasMessage("login - succeeded with session (expected: a failure)");
    }
}
