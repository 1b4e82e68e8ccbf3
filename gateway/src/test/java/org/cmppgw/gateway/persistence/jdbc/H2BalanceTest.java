package org.cmppgw.gateway.persistence.jdbc;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The balance contract on an H2 file database. */
final class H2BalanceTest extends BalanceContract {
    @TempDir
    Path dir;

    @Override
    DataSourceSettings newDatabase() {
        return DataSourceSettings.of("jdbc:h2:file:" + dir.resolve("gateway"), "", "");
    }
}
