package org.cmppgw.gateway.persistence.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import org.cmppgw.gateway.persistence.sql.Dialect;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** When the store's lanes keep their connections between batches (JdbcMessageStore.keepsConnections). */
class KeptConnectionsTest {
    @Test
    void onlyOnMariaDbWithAConnectionForEachLaneAndThreeToSpare() {
        try (HikariDataSource five = pool(5); HikariDataSource six = pool(6); HikariDataSource eight = pool(8)) {
            assertThat(JdbcMessageStore.keepsConnections(Dialect.MARIADB, five)).isFalse();
            assertThat(JdbcMessageStore.keepsConnections(Dialect.MARIADB, six)).isTrue();
            assertThat(JdbcMessageStore.keepsConnections(Dialect.MARIADB, eight)).isTrue();
            assertThat(JdbcMessageStore.keepsConnections(Dialect.H2, eight)).as("H2 has no round trips").isFalse();
        }
        assertThat(JdbcMessageStore.keepsConnections(Dialect.MARIADB, new JdbcDataSource()))
            .as("a pool whose size is unknown").isFalse();
    }

    /** A pool that opens no connection until asked for one. */
    private static HikariDataSource pool(int size) {
        HikariDataSource pool = new HikariDataSource();
        pool.setMaximumPoolSize(size);
        return pool;
    }
}
