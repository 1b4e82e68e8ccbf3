package org.cmppgw.gateway.persistence.sql;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** On H2, which has no cluster and no such setting, the work just runs. */
final class CausalWaitTest {
    @Test
    void onH2TheWorkRunsAsItIs() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:causal", "", "")) {
            String ran = CausalWait.run(c, connection -> connection.getMetaData().getDatabaseProductName());
            assertThat(ran).isEqualTo("H2");
        }
    }
}
