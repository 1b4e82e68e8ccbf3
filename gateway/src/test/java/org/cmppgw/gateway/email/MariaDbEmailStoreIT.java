package org.cmppgw.gateway.email;

import org.cmppgw.gateway.persistence.MariaDbTestServer;
import org.cmppgw.gateway.persistence.jdbc.DataSourceSettings;
import org.junit.jupiter.api.extension.ExtendWith;

/** The email table on a real MariaDB. */
@ExtendWith(MariaDbTestServer.class)
final class MariaDbEmailStoreIT extends EmailStoreContract {
    @Override
    DataSourceSettings newDatabase() {
        MariaDbTestServer.Database db = MariaDbTestServer.createDatabase();
        return DataSourceSettings.of(db.jdbcUrl(), db.username(), db.password());
    }
}
