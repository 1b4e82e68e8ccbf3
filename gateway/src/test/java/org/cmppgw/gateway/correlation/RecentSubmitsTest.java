package org.cmppgw.gateway.correlation;

import org.cmppgw.gateway.model.SubmitOutcome;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RecentSubmitsTest {
    private static final String PROVIDER = "cmcc";

    private final RecentSubmits recent = new RecentSubmits(3);

    @Test
    void aSubmitIsMatchedOnlyOnceItsTransactionCommitted() {
        recent.begin();
        recent.stage(List.of(submit(11, 1, 501)));
        assertThat(recent.take(key(501))).isNull();

        recent.committed();

        assertThat(recent.take(key(501))).isEqualTo(new RecentSubmits.SubmittedPart(11, 1));
        assertThat(recent.take(key(501))).as("taken by its report").isNull();
    }

    @Test
    void aRolledBackTransactionLeavesNothingBehind() {
        recent.begin();
        recent.stage(List.of(submit(11, 1, 501)));
        // rolled back: no commit; the retry stages again
        recent.begin();
        recent.stage(List.of(submit(12, 1, 502)));
        recent.committed();

        assertThat(recent.take(key(501))).isNull();
        assertThat(recent.take(key(502))).isEqualTo(new RecentSubmits.SubmittedPart(12, 1));
    }

    @Test
    void theOldestMakeRoomAndAMsgIdRecordedAgainIsTheLaterSubmitAndYoungest() {
        record(submit(11, 1, 501), submit(12, 1, 502), submit(13, 2, 503));
        record(submit(14, 1, 501));
        record(submit(15, 1, 504));

        assertThat(recent.size()).isEqualTo(3);
        assertThat(recent.take(key(502))).as("the oldest, gone").isNull();
        assertThat(recent.take(key(501))).isEqualTo(new RecentSubmits.SubmittedPart(14, 1));
        assertThat(recent.take(key(503))).isEqualTo(new RecentSubmits.SubmittedPart(13, 2));
        assertThat(recent.take(key(504))).isEqualTo(new RecentSubmits.SubmittedPart(15, 1));
    }

    @Test
    void theSameMsgIdOfAnotherProviderIsAnotherSubmit() {
        record(submit(11, 1, 501));

        assertThat(recent.take(new CarrierKey("cucc", 501))).isNull();
        assertThat(recent.take(key(501))).isNotNull();
    }

    private void record(SubmitOutcome... outcomes) {
        recent.begin();
        recent.stage(List.of(outcomes));
        recent.committed();
    }

    private static CarrierKey key(long carrierMsgId) {
        return new CarrierKey(PROVIDER, carrierMsgId);
    }

    private static SubmitOutcome submit(long msgId, int part, long carrierMsgId) {
        return new SubmitOutcome(msgId, part, 2, PROVIDER, carrierMsgId, 0, Instant.EPOCH);
    }
}
