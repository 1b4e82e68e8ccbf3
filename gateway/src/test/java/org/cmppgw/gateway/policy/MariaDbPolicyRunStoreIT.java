package org.cmppgw.gateway.policy;

import org.cmppgw.gateway.persistence.MariaDbTestServer;
import org.cmppgw.gateway.persistence.jdbc.DataSourceSettings;
import org.junit.jupiter.api.extension.ExtendWith;

/** The policy runs' timers on a real MariaDB: claims with {@code SKIP LOCKED} across store instances. */
@ExtendWith(MariaDbTestServer.class)
final class MariaDbPolicyRunStoreIT extends PolicyRunStoreContract {
    @Override
    DataSourceSettings newDatabase() {
        MariaDbTestServer.Database db = MariaDbTestServer.createDatabase();
        return DataSourceSettings.of(db.jdbcUrl(), db.username(), db.password());
    }
}
