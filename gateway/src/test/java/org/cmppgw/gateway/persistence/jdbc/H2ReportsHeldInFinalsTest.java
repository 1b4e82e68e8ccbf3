package org.cmppgw.gateway.persistence.jdbc;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** Report callbacks held in final rows, on an H2 file database. */
final class H2ReportsHeldInFinalsTest extends ReportsHeldInFinalsContract {
    @TempDir
    Path dir;

    @Override
    DataSourceSettings newDatabase() {
        return DataSourceSettings.of("jdbc:h2:file:" + dir.resolve("gateway"), "", "");
    }
}
