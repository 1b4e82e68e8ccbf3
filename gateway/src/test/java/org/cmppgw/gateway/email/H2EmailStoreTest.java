package org.cmppgw.gateway.email;

import org.cmppgw.gateway.persistence.jdbc.DataSourceSettings;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The email table on an H2 file database in MariaDB mode, as the demo runs it. */
final class H2EmailStoreTest extends EmailStoreContract {
    @TempDir
    Path dir;

    @Override
    DataSourceSettings newDatabase() {
        return DataSourceSettings.of("jdbc:h2:file:" + dir.resolve("gateway")
            + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE", "", "");
    }
}
