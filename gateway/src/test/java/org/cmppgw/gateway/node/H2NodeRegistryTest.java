package org.cmppgw.gateway.node;

import org.cmppgw.gateway.persistence.jdbc.DataSourceSettings;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** Node ids, slot leases and takeover on an H2 file database. */
final class H2NodeRegistryTest extends NodeRegistryContract {
    @TempDir
    Path dir;

    @Override
    DataSourceSettings newDatabase() {
        return DataSourceSettings.of("jdbc:h2:file:" + dir.resolve("gateway"), "", "");
    }
}
