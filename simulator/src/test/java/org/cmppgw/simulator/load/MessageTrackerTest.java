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

    @Test
    void gatewayShapedIdsAreEachTrackedOnce() {
        // time << 22 | node << 12 | sequence, as the gateway's MessageIdGenerator hands them out
        MessageTracker tracker = new MessageTracker();
        int millis = 50;
        int perMilli = 4_000;
        for (long ms = 0; ms < millis; ms++) {
            for (long seq = 0; seq < perMilli; seq++) {
                long id = (1_000_000_000L + ms) << 22 | 3L << 12 | seq;
                assertThat(tracker.accept(id, ms)).isEqualTo(MessageTracker.ACCEPTED);
            }
        }
        for (long ms = 0; ms < millis; ms++) {
            for (long seq = 0; seq < perMilli; seq++) {
                long id = (1_000_000_000L + ms) << 22 | 3L << 12 | seq;
                assertThat(tracker.report(id, ms + 10)).isEqualTo(10);
            }
        }

        assertThat(tracker.accepted()).isEqualTo((long) millis * perMilli);
        assertThat(tracker.lost()).isZero();
        assertThat(tracker.unknown()).isZero();
        assertThat(tracker.duplicates()).isZero();
    }

    @Test
    void spreadTurnsALowBitChangeIntoManyBitsAcrossTheWord() {
        long a = MessageTracker.spread(0x1234_5678_0000_0000L);
        long b = MessageTracker.spread(0x1234_5678_0000_0001L);

        assertThat(Long.bitCount(a ^ b)).isGreaterThanOrEqualTo(16);
        assertThat(Long.bitCount((a ^ b) & 0xffff)).isGreaterThanOrEqualTo(4);
    }
}
