package org.cmppgw.gateway.persistence.jdbc;

import org.cmppgw.gateway.persistence.MariaDbTestServer;
import org.junit.jupiter.api.extension.ExtendWith;

/** The outbox and writer contract on a real MariaDB: claims from two nodes use SKIP LOCKED. */
@ExtendWith(MariaDbTestServer.class)
final class MariaDbOutboxIT extends OutboxContract {
    @Override
    DataSourceSettings newDatabase() {
        MariaDbTestServer.Database db = MariaDbTestServer.createDatabase();
        return DataSourceSettings.of(db.jdbcUrl(), db.username(), db.password());
    }
}
