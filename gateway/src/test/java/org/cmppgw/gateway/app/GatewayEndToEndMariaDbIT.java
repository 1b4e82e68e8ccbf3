package org.cmppgw.gateway.app;

import org.cmppgw.gateway.persistence.MariaDbTestServer;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link GatewayEndToEndContract} on a real MariaDB with durable commits, as production runs. */
@ExtendWith(MariaDbTestServer.class)
final class GatewayEndToEndMariaDbIT extends GatewayEndToEndContract {
    @Override
    Database database() {
        MariaDbTestServer.Database db = MariaDbTestServer.createDatabase();
        return new Database(db.jdbcUrl(), db.username(), db.password());
    }
}
