package org.cmppgw.gateway.persistence.jdbc;

import org.cmppgw.gateway.persistence.MariaDbTestServer;
import org.junit.jupiter.api.extension.ExtendWith;

/** The withdraw contract on a real MariaDB, where two nodes' withdraws and claims lock the same rows. */
@ExtendWith(MariaDbTestServer.class)
final class MariaDbWithdrawIT extends WithdrawContract {
    @Override
    DataSourceSettings newDatabase() {
        MariaDbTestServer.Database db = MariaDbTestServer.createDatabase();
        return DataSourceSettings.of(db.jdbcUrl(), db.username(), db.password());
    }
}
