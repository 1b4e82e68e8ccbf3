package org.cmppgw.cmpp.session;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SequenceIdsTest {

    @Test
    void startsAtOneAndIncrements() {
        SequenceIds ids = new SequenceIds();
        assertThat(ids.next()).isEqualTo(1);
        assertThat(ids.next()).isEqualTo(2);
        assertThat(ids.peek()).isEqualTo(3);
        assertThat(ids.next()).isEqualTo(3);
    }

    @Test
    void crossesTheSignBitAsAnUnsignedCounter() {
        SequenceIds ids = new SequenceIds(Integer.MAX_VALUE);
        assertThat(ids.next()).isEqualTo(Integer.MAX_VALUE);
        assertThat(Integer.toUnsignedLong(ids.next())).isEqualTo(0x80000000L);
    }

    @Test
    void wrapsFromAllOnesToOneAndNeverHandsOutZero() {
        SequenceIds ids = new SequenceIds(0xFFFFFFFE);
        assertThat(Integer.toUnsignedLong(ids.next())).isEqualTo(0xFFFFFFFEL);
        assertThat(Integer.toUnsignedLong(ids.next())).isEqualTo(0xFFFFFFFFL);
        assertThat(ids.next()).isEqualTo(1);
        assertThat(ids.next()).isEqualTo(2);
    }

    @Test
    void rejectsZeroAsAStart() {
        assertThatThrownBy(() -> new SequenceIds(0))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("first: 0 (expected: 1..0xFFFFFFFF)");
    }
}
