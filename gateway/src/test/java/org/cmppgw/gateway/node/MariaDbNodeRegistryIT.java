package org.cmppgw.gateway.node;

import org.cmppgw.gateway.persistence.MariaDbTestServer;
import org.cmppgw.gateway.persistence.jdbc.DataSourceSettings;
import org.junit.jupiter.api.extension.ExtendWith;

/** Node ids, slot leases and takeover on a real MariaDB. */
@ExtendWith(MariaDbTestServer.class)
final class MariaDbNodeRegistryIT extends NodeRegistryContract {
    @Override
    DataSourceSettings newDatabase() {
        MariaDbTestServer.Database db = MariaDbTestServer.createDatabase();
        return DataSourceSettings.of(db.jdbcUrl(), db.username(), db.password());
    }
}
