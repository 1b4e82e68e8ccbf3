package org.cmppgw.gateway.persistence.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.cmppgw.gateway.persistence.sql.Dialect;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataSourcesTest {
    @TempDir
    Path dir;

    @Test
    void h2UrlGetsEverySettingTheStoreNeeds() {
        assertThat(DataSources.h2Url("jdbc:h2:file:./data/x"))
            .isEqualTo("jdbc:h2:file:./data/x;MODE=MariaDB;DATABASE_TO_LOWER=TRUE;WRITE_DELAY=0;"
                + "DB_CLOSE_ON_EXIT=FALSE");
        assertThat(DataSources.h2Url("jdbc:h2:file:./data/x;cache_size=65536;write_delay=0"))
            .isEqualTo("jdbc:h2:file:./data/x;CACHE_SIZE=65536;WRITE_DELAY=0;MODE=MariaDB;DATABASE_TO_LOWER=TRUE;"
                + "DB_CLOSE_ON_EXIT=FALSE");
        assertThat(DataSources.h2Url(DataSources.DEFAULT_H2_URL)).isEqualTo(DataSources.DEFAULT_H2_URL);
    }

    @Test
    void h2UrlThatCouldLoseCommitsIsRefused() {
        assertThatThrownBy(() -> DataSources.h2Url("jdbc:h2:file:./x;WRITE_DELAY=500"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("jdbcUrl: jdbc:h2:file:./x;WRITE_DELAY=500 (expected: WRITE_DELAY=0)");
        assertThatThrownBy(() -> DataSources.h2Url("jdbc:h2:file:./x;MODE=PostgreSQL"))
            .hasMessageEndingWith("(expected: MODE=MariaDB)");
    }

    @Test
    void mariaDbPoolUsesBulkBatchesAndReadCommitted() {
        HikariConfig config = DataSources.hikariConfig(new DataSourceSettings("jdbc:mariadb://db:3306/gateway", "gw",
            "secret", 12, DataSourceSettings.DEFAULT_CONNECTION_TIMEOUT));

        assertThat(config.getDataSourceProperties()).containsEntry("useBulkStmts", "true")
            .containsEntry("useBulkStmtsForInserts", "true").containsEntry("useServerPrepStmts", "true")
            .doesNotContainKey("rewriteBatchedStatements");
        assertThat(config.getTransactionIsolation()).isEqualTo("TRANSACTION_READ_COMMITTED");
        assertThat(config.getMaximumPoolSize()).isEqualTo(12);
        assertThat(config.getJdbcUrl()).isEqualTo("jdbc:mariadb://db:3306/gateway");
    }

    @Test
    void settingsRefuseOtherDatabasesAndNeverPrintThePassword() {
        assertThatThrownBy(() -> DataSourceSettings.of("jdbc:postgresql://db/x", "u", "p"))
            .hasMessage("jdbcUrl: jdbc:postgresql://db/x (expected: jdbc:h2:... or jdbc:mariadb:...)");
        assertThat(DataSourceSettings.of("jdbc:mariadb://db/x", "gw", "s3cret").toString())
            .contains("password=****").doesNotContain("s3cret");
    }

    /** The versions of the migrations on the class path for H2 (V{version}__name.sql), in Flyway's order. */
    private static List<String> shippedVersions() {
        List<String> versions = new ArrayList<>();
        for (String folder : List.of("db/migration", "db/vendor/h2")) {
            try (Stream<Path> files = Files.list(Path.of("src/main/resources", folder))) {
                files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V[0-9_]+__.*\\.sql"))
                    .map(n -> n.substring(1, n.indexOf("__")).replace('_', '.')).forEach(versions::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        versions.sort(Comparator.comparing(MigrationVersion::fromVersion));
        return versions;
    }

    @Test
    void openMigratesOnceAndReopensTheSameSchema() throws SQLException {
        DataSourceSettings settings = DataSourceSettings.of("jdbc:h2:file:" + dir.resolve("db"), "", "");
        try (HikariDataSource first = DataSources.open(settings)) {
            assertThat(tables(first)).contains("message", "pending_message", "carrier_submit", "parked_report",
                "message_part", "message_final", "mo_message", "callback_outbox", "mismatched_report",
                "verification_code", "sms_template", "sms_signature", "sms_signature_image", "review_event");
            assertThat(Dialect.of(first)).isEqualTo(Dialect.H2);
        }
        try (HikariDataSource again = DataSources.open(settings)) {
            assertThat(tables(again)).contains("message", "flyway_schema_history");
            assertThat(versions(again)).as("every migration of db/migration and db/vendor/h2, once, in order")
                .containsExactlyElementsOf(shippedVersions());
            assertThat(tables(again)).as("V10: nodes").contains("gateway_node", "provider_slot");
            assertThat(tables(again)).as("V5: admission rules").contains("unsubscribed", "app_standing",
                "account_standing");
            assertThat(tables(again)).as("V30: the message table is the admission ledger")
                .doesNotContain("send_ledger");
            assertThat(tables(again)).as("V27: a fixed set of lock stripes replaced the lock row per mobile")
                .contains("send_lock_stripe");
            assertThat(single(again, "SELECT COUNT(*) FROM send_lock_stripe")).as("V27's stripes and V31's whole")
                .isEqualTo(4097);
            assertThat(tables(again)).as("V9: balances").contains("balance", "balance_charge", "balance_log",
                "balance_alert");
            // The H2-only migration (db/vendor/h2) is applied after the shared schema.
            assertThat(single(again, "SELECT identity_cache FROM information_schema.columns"
                + " WHERE table_name = 'carrier_submit' AND column_name = 'id'")).isEqualTo(10_000);
            assertThat(text(again, "SELECT is_identity FROM information_schema.columns"
                + " WHERE table_name = 'callback_outbox' AND column_name = 'id'")).as("ids come from the gateway")
                .isEqualTo("NO");
        }
    }

    private static List<String> versions(HikariDataSource dataSource) throws SQLException {
        List<String> versions = new ArrayList<>();
        String sql = "SELECT version FROM flyway_schema_history WHERE version IS NOT NULL AND success"
            + " ORDER BY installed_rank";
        try (Connection c = dataSource.getConnection(); ResultSet rows = c.createStatement().executeQuery(sql)) {
            while (rows.next()) {
                versions.add(rows.getString(1));
            }
        }
        return versions;
    }

    private static long single(HikariDataSource dataSource, String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); ResultSet row = c.createStatement().executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static String text(HikariDataSource dataSource, String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); ResultSet row = c.createStatement().executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }

    private static List<String> tables(HikariDataSource dataSource) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             ResultSet rows = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rows.next()) {
                names.add(rows.getString("TABLE_NAME"));
            }
        }
        return names;
    }
}
