package org.cmppgw.gateway.clicks;

import org.cmppgw.gateway.persistence.jdbc.DataSourceSettings;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The tracked links on an H2 file database. */
final class H2ClickStoreTest extends ClickStoreContract {
    @TempDir
    Path dir;

    @Override
    DataSourceSettings newDatabase() {
        return DataSourceSettings.of("jdbc:h2:file:" + dir.resolve("gateway"), "", "");
    }
}
