package org.cmppgw.simulator.fakejsms;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FractionPickerTest {
    @Test
    void picksExactlyTheShareAndSpreadsIt() {
        assertThat(picks(new FractionPicker(5), 2000)).isEqualTo(100);
        assertThat(picks(new FractionPicker(29), 100)).isEqualTo(29);
        assertThat(picks(new FractionPicker(0.1), 10_000)).isEqualTo(10);
        assertThat(picks(new FractionPicker(0), 1000)).isZero();
        assertThat(picks(new FractionPicker(100), 1000)).isEqualTo(1000);
    }

    @Test
    void fiftyPercentAlternates() {
        FractionPicker half = new FractionPicker(50);

        assertThat(half.next()).isFalse();
        assertThat(half.next()).isTrue();
        assertThat(half.next()).isFalse();
        assertThat(half.next()).isTrue();
    }

    private static int picks(FractionPicker picker, int events) {
        int picked = 0;
        for (int i = 0; i < events; i++) {
            if (picker.next()) {
                picked++;
            }
        }
        return picked;
    }
}
