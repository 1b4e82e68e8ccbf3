package org.cmppgw.gateway.clicks;

import org.cmppgw.gateway.persistence.MariaDbTestServer;
import org.cmppgw.gateway.persistence.jdbc.DataSourceSettings;
import org.junit.jupiter.api.extension.ExtendWith;

/** The tracked links on a real MariaDB. */
@ExtendWith(MariaDbTestServer.class)
final class MariaDbClickStoreIT extends ClickStoreContract {
    @Override
    DataSourceSettings newDatabase() {
        MariaDbTestServer.Database db = MariaDbTestServer.createDatabase();
        return DataSourceSettings.of(db.jdbcUrl(), db.username(), db.password());
    }
}
