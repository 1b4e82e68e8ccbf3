package org.cmppgw.simulator.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessageTrackerTest {
    @Test
    void firstReportGivesTheLatencyAndSecondIsADuplicate() {
        MessageTracker tracker = new MessageTracker();

        assertThat(tracker.accept(7, 1_000)).isEqualTo(MessageTracker.ACCEPTED);
        assertThat(tracker.lost()).isEqualTo(1);
        assertThat(tracker.report(7, 5_000)).isEqualTo(4_000);
        assertThat(tracker.report(7, 6_000)).isEqualTo(MessageTracker.DUPLICATE);
        assertThat(tracker.report(7, 7_000)).isEqualTo(MessageTracker.DUPLICATE);

        assertThat(tracker.accepted()).isEqualTo(1);
        assertThat(tracker.reported()).isEqualTo(1);
        assertThat(tracker.lost()).isZero();
        assertThat(tracker.duplicates()).isEqualTo(1);
    }

    @Test
    void reportBeforeTheResponseIsParkedThenMatched() {
        MessageTracker tracker = new MessageTracker();

        assertThat(tracker.report(-3, 1_000)).isEqualTo(MessageTracker.UNKNOWN);
        assertThat(tracker.unknown()).isEqualTo(1);
        assertThat(tracker.accept(-3, 2_000)).isEqualTo(MessageTracker.ACCEPTED_AFTER_REPORT);

        assertThat(tracker.unknown()).isZero();
        assertThat(tracker.lost()).isZero();
        assertThat(tracker.duplicates()).isZero();
    }

    @Test
    void reportForAnIdNeverAcceptedStaysUnknown() {
        MessageTracker tracker = new MessageTracker();
        tracker.accept(1, 0);

        tracker.report(2, 10);

        assertThat(tracker.unknown()).isEqualTo(1);
        assertThat(tracker.lost()).isEqualTo(1);
    }

    @Test
    void sameIdAcceptedTwiceIsRefused() {
        MessageTracker tracker = new MessageTracker();

        assertThat(tracker.accept(9, 0)).isEqualTo(MessageTracker.ACCEPTED);
        assertThat(tracker.accept(9, 1)).isEqualTo(MessageTracker.DUPLICATE_ID);
        assertThat(tracker.accepted()).isEqualTo(1);
    }
}
