package org.cmppgw.gateway.persistence.jdbc;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The history contract (expiry and retention) on an H2 file database. */
final class H2HistoryTest extends HistoryContract {
    @TempDir
    Path dir;

    @Override
    DataSourceSettings newDatabase() {
        return DataSourceSettings.of("jdbc:h2:file:" + dir.resolve("gateway"), "", "");
    }
}
