package org.cmppgw.gateway.persistence.jdbc;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The admission-ledger contract on an H2 file database. */
final class H2AdmissionLedgerTest extends AdmissionLedgerContract {
    @TempDir
    Path dir;

    @Override
    DataSourceSettings newDatabase() {
        return DataSourceSettings.of("jdbc:h2:file:" + dir.resolve("gateway"), "", "");
    }
}
