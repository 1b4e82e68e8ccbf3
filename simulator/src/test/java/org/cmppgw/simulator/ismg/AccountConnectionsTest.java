package org.cmppgw.simulator.ismg;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AccountConnectionsTest {
    private final AccountConnections<String> connections = new AccountConnections<>();

    @Test
    void noConnectionMeansNothingToPick() {
        assertThat(connections.pick("901234", AccountConnections.NO_CONNECTION, false)).isNull();
        long id = connections.register("901234", "a");
        connections.unregister("901234", id);

        assertThat(connections.pick("901234", id, false)).isNull();
        assertThat(connections.count("901234")).isZero();
    }

    @Test
    void prefersTheOriginalConnectionWhileItLives() {
        connections.register("901234", "a");
        long b = connections.register("901234", "b");
        connections.register("901234", "c");

        for (int i = 0; i < 10; i++) {
            assertThat(connections.pick("901234", b, false)).isEqualTo("b");
        }
        connections.unregister("901234", b);
        assertThat(connections.pick("901234", b, false)).isIn("a", "c");
    }

    @Test
    void avoidingThePreferredPicksEveryOtherConnectionInTurn() {
        long a = connections.register("901234", "a");
        connections.register("901234", "b");
        connections.register("901234", "c");
        Set<String> picked = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            picked.add(connections.pick("901234", a, true));
        }

        assertThat(picked).containsExactlyInAnyOrder("b", "c");
    }

    @Test
    void avoidingWithASingleConnectionStillDelivers() {
        long a = connections.register("901234", "a");

        assertThat(connections.pick("901234", a, true)).isEqualTo("a");
    }

    @Test
    void withoutPreferenceRoundRobinsAndKeepsAccountsApart() {
        connections.register("901234", "a");
        connections.register("901234", "b");
        connections.register("555555", "x");
        Set<String> picked = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            picked.add(connections.pick("901234", AccountConnections.NO_CONNECTION, false));
        }

        assertThat(picked).containsExactlyInAnyOrder("a", "b");
        assertThat(connections.pick("555555", AccountConnections.NO_CONNECTION, false)).isEqualTo("x");
        assertThat(connections.count("901234")).isEqualTo(2);
    }
}
