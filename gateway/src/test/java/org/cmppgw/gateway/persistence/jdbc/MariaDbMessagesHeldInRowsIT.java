package org.cmppgw.gateway.persistence.jdbc;

import org.cmppgw.gateway.persistence.MariaDbTestServer;
import org.junit.jupiter.api.extension.ExtendWith;

/** Messages held in their rows, on a real MariaDB. */
@ExtendWith(MariaDbTestServer.class)
final class MariaDbMessagesHeldInRowsIT extends MessagesHeldInRowsContract {
    @Override
    DataSourceSettings newDatabase() {
        MariaDbTestServer.Database db = MariaDbTestServer.createDatabase();
        return DataSourceSettings.of(db.jdbcUrl(), db.username(), db.password());
    }
}
