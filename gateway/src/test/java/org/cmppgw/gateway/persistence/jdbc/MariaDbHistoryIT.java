package org.cmppgw.gateway.persistence.jdbc;

import org.cmppgw.gateway.persistence.MariaDbTestServer;
import org.junit.jupiter.api.extension.ExtendWith;

/** The history contract (expiry and retention) on a real MariaDB. */
@ExtendWith(MariaDbTestServer.class)
final class MariaDbHistoryIT extends HistoryContract {
    @Override
    DataSourceSettings newDatabase() {
        MariaDbTestServer.Database db = MariaDbTestServer.createDatabase();
        return DataSourceSettings.of(db.jdbcUrl(), db.username(), db.password());
    }
}
