package org.cmppgw.cmpp.session;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WindowTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    /** A nano clock the test moves by hand; starts near Long.MAX_VALUE to prove deadlines survive the overflow. */
    private long now = Long.MAX_VALUE - 5 * SECOND;
    private final Window<String> window = new Window<>(3, () -> now);

    @Test
    void acquiresUntilFullThenRefusesWithoutChangingAnything() {
        assertThat(window.tryAcquire(1, "a", now + SECOND)).isTrue();
        assertThat(window.tryAcquire(2, "b", now + SECOND)).isTrue();
        assertThat(window.tryAcquire(3, "c", now + SECOND)).isTrue();

        assertThat(window.tryAcquire(4, "d", now + SECOND)).isFalse();
        assertThat(window.size()).isEqualTo(3);
        assertThat(window.available()).isZero();
        assertThat(window.contains(4)).isFalse();
    }

    @Test
    void completeFreesTheSlotAndReturnsTheValueOnce() {
        window.tryAcquire(7, "a", now + SECOND);
        window.tryAcquire(8, "b", now + SECOND);
        window.tryAcquire(9, "c", now + SECOND);

        assertThat(window.complete(8)).isEqualTo("b");
        assertThat(window.complete(8)).as("a duplicate response finds nothing").isNull();
        assertThat(window.available()).isEqualTo(1);
        assertThat(window.tryAcquire(10, "d", now + SECOND)).isTrue();
        assertThat(window.get(10)).isEqualTo("d");
        assertThat(window.complete(42)).as("a late response for an unknown key").isNull();
    }

    @Test
    void duplicateKeyIsABugAndLeavesTheFirstEntryInPlace() {
        window.tryAcquire(5, "first", now + SECOND);

        assertThatThrownBy(() -> window.tryAcquire(5, "second", now + SECOND))
            .isInstanceOf(IllegalStateException.class)
            .hasMessage("window - sequenceId 5 is already in flight (inflight=1, max=3)");
        assertThat(window.size()).isEqualTo(1);
        assertThat(window.complete(5)).isEqualTo("first");
        assertThat(window.isEmpty()).isTrue();
    }

    @Test
    void sweepVisitsOnlyExpiredEntriesAndAppliesTheVisitorsVerdict() {
        window.tryAcquire(1, "keep", now + SECOND);
        window.tryAcquire(2, "drop", now + SECOND);
        window.tryAcquire(3, "young", now + 10 * SECOND);
        now += 2 * SECOND; // crosses Long.MAX_VALUE: deadlines must be compared by difference

        List<String> visited = new ArrayList<>();
        window.sweep((key, value, nowNanos) -> {
            visited.add(value);
            return "keep".equals(value) ? 3 * SECOND : 0;
        });

        assertThat(visited).containsExactlyInAnyOrder("keep", "drop");
        assertThat(window.contains(2)).isFalse();
        assertThat(window.size()).isEqualTo(2);

        visited.clear();
        now += 2 * SECOND;
        window.sweep(now, (key, value, nowNanos) -> {
            visited.add(value);
            return 0;
        });
        assertThat(visited).as("the kept entry's new deadline (+3 s) has not passed yet").isEmpty();

        now += SECOND;
        window.sweep(now, (key, value, nowNanos) -> {
            visited.add(value);
            return 0;
        });
        assertThat(visited).containsExactly("keep");
        assertThat(window.size()).isEqualTo(1);
    }

    @Test
    void failAllEmptiesTheWindowBeforeHandingOutTheValues() {
        window.tryAcquire(1, "a", now + SECOND);
        window.tryAcquire(2, "b", now + SECOND);
        List<String> failed = new ArrayList<>();

        window.failAll(value -> {
            assertThat(window.isEmpty()).isTrue();
            failed.add(value);
        });

        assertThat(failed).containsExactlyInAnyOrder("a", "b");
        assertThat(window.available()).isEqualTo(3);
        assertThat(window.tryAcquire(1, "again", now + SECOND)).as("keys are free again").isTrue();
    }

    @Test
    void slotsAreReusedIndefinitely() {
        Window<Integer> w = new Window<>(2, () -> now);
        for (int i = 1; i <= 10_000; i++) {
            assertThat(w.tryAcquire(i, i, now)).isTrue();
            if (i > 1) {
                assertThat(w.complete(i - 1)).isEqualTo(i - 1);
            }
        }
        assertThat(w.size()).isEqualTo(1);
    }

    @Test
    void validatesCapacity() {
        assertThatThrownBy(() -> new Window<String>(0))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("capacity: 0 (expected: 1..1024)");
        assertThatThrownBy(() -> new Window<String>(1025)).isInstanceOf(IllegalArgumentException.class);
    }
}
