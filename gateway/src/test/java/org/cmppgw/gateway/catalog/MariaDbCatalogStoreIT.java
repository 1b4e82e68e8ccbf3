package org.cmppgw.gateway.catalog;

import org.cmppgw.gateway.persistence.MariaDbTestServer;
import org.cmppgw.gateway.persistence.jdbc.DataSourceSettings;
import org.junit.jupiter.api.extension.ExtendWith;

/** The template and signature tables on a real MariaDB. */
@ExtendWith(MariaDbTestServer.class)
final class MariaDbCatalogStoreIT extends CatalogStoreContract {
    @Override
    DataSourceSettings newDatabase() {
        MariaDbTestServer.Database db = MariaDbTestServer.createDatabase();
        return DataSourceSettings.of(db.jdbcUrl(), db.username(), db.password());
    }
}
