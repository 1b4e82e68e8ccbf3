package org.cmppgw.gateway.stats;

import org.cmppgw.gateway.persistence.jdbc.DataSourceSettings;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The hourly rollup on an H2 file database. */
final class H2StatsRollupTest extends StatsRollupContract {
    @TempDir
    Path dir;

    @Override
    DataSourceSettings newDatabase() {
        return DataSourceSettings.of("jdbc:h2:file:" + dir.resolve("gateway"), "", "");
    }
}
