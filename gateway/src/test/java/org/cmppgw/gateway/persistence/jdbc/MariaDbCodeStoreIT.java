package org.cmppgw.gateway.persistence.jdbc;

import org.cmppgw.gateway.persistence.MariaDbTestServer;
import org.junit.jupiter.api.extension.ExtendWith;

/** The verification-code contract on a real MariaDB: two stores race on one row with conditional UPDATEs. */
@ExtendWith(MariaDbTestServer.class)
final class MariaDbCodeStoreIT extends CodeStoreContract {
    @Override
    DataSourceSettings newDatabase() {
        MariaDbTestServer.Database db = MariaDbTestServer.createDatabase();
        return DataSourceSettings.of(db.jdbcUrl(), db.username(), db.password());
    }
}
