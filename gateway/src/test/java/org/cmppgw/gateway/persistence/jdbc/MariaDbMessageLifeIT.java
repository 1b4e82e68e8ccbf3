package org.cmppgw.gateway.persistence.jdbc;

import org.cmppgw.gateway.persistence.MariaDbTestServer;
import org.cmppgw.gateway.persistence.sql.Dialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** The message-life contract on a real MariaDB with full durability. */
@ExtendWith(MariaDbTestServer.class)
final class MariaDbMessageLifeIT extends MessageLifeContract {
    @Override
    DataSourceSettings newDatabase() {
        MariaDbTestServer.Database db = MariaDbTestServer.createDatabase();
        return DataSourceSettings.of(db.jdbcUrl(), db.username(), db.password());
    }

    @Test
    void serverCommitsDurablyAndTheStoreUsesMariaDbLocking() {
        assertThat(count("SELECT @@innodb_flush_log_at_trx_commit")).isEqualTo(1);
        assertThat(Dialect.of(dataSource)).isEqualTo(Dialect.MARIADB);
    }
}
