package org.cmppgw.gateway.policy;

import org.cmppgw.gateway.persistence.jdbc.DataSourceSettings;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The policy runs' timers on an H2 file database. */
final class H2PolicyRunStoreTest extends PolicyRunStoreContract {
    @TempDir
    Path dir;

    @Override
    DataSourceSettings newDatabase() {
        return DataSourceSettings.of("jdbc:h2:file:" + dir.resolve("gateway"), "", "");
    }
}
