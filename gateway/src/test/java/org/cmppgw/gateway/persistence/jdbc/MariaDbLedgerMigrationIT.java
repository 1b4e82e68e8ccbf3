package org.cmppgw.gateway.persistence.jdbc;

import org.cmppgw.gateway.persistence.MariaDbTestServer;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link LedgerMigrationContract} on a real MariaDB (its own spelling of the V30 update, a join). */
@ExtendWith(MariaDbTestServer.class)
final class MariaDbLedgerMigrationIT extends LedgerMigrationContract {
    @Override
    DataSourceSettings newDatabase() {
        MariaDbTestServer.Database db = MariaDbTestServer.createDatabase();
        return DataSourceSettings.of(db.jdbcUrl(), db.username(), db.password());
    }
}
