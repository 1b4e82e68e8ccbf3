package org.cmppgw.simulator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatorMainTest {
    @Test
    void helpIsNotAnErrorButNoArgumentsIs() {
        assertThat(SimulatorMain.run(new String[] {"--help"})).isZero();
        assertThat(SimulatorMain.run(new String[0])).isEqualTo(2);
    }

    @Test
    void unknownModeIsAUsageError() {
        assertThat(SimulatorMain.run(new String[] {"bogus"})).isEqualTo(2);
    }

    @Test
    void modesAnswerHelpAndRejectBadOptions() {
        assertThat(SimulatorMain.run(new String[] {"smtp", "--help"})).isZero();
        assertThat(SimulatorMain.run(new String[] {"load", "--help"})).isZero();
        assertThat(SimulatorMain.run(new String[] {"callbacks", "--help"})).isZero();
        assertThat(SimulatorMain.run(new String[] {"smtp", "--bogus"})).isEqualTo(2);
        assertThat(SimulatorMain.run(new String[] {"load", "--rate", "-1"})).isEqualTo(2);
        assertThat(SimulatorMain.run(new String[] {"callbacks", "--bogus"})).isEqualTo(2);
    }

    @Test
    void helpNamesTheFourModes() {
        assertThat(SimulatorMain.HELP).contains("ismg", "smtp", "load", "callbacks");
    }
}
