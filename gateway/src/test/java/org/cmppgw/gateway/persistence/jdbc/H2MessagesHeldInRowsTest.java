package org.cmppgw.gateway.persistence.jdbc;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** Messages held in their rows, on an H2 file database. */
final class H2MessagesHeldInRowsTest extends MessagesHeldInRowsContract {
    @TempDir
    Path dir;

    @Override
    DataSourceSettings newDatabase() {
        return DataSourceSettings.of("jdbc:h2:file:" + dir.resolve("gateway"), "", "");
    }
}
