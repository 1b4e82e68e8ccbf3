package org.cmppgw.gateway.persistence.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.cmppgw.gateway.persistence.sql.Dialect;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Builds the store's HikariCP pool for H2 or MariaDB and migrates the schema (Flyway, {@code db/migration}) before
 * anything uses it.
 *
 * <p>H2: the URL gets {@code MODE=MariaDB;DATABASE_TO_LOWER=TRUE} (one schema for both databases),
 * {@code WRITE_DELAY=0} (the default 500 ms delay loses acknowledged commits when the process is killed,
 * docs/design.md §3; any other value is refused) and {@code DB_CLOSE_ON_EXIT=FALSE} (the gateway closes the store, then
 * the pool, on shutdown; H2's own hook would close the file under the writer). H2 still never fsyncs: it survives a
 * killed process, not a power loss. One H2-only migration enlarges the AUTO_INCREMENT caches (see
 * {@code db/vendor/h2/V1_1__h2_identity_cache.sql}).
 *
 * <p>MariaDB (mariadb-java-client 3.5): {@code useBulkStmts=true} so batched UPDATEs and DELETEs use the bulk protocol
 * too (the driver's default since 3.2 bulk-sends INSERT batches only, {@code useBulkStmtsForInserts}); the
 * {@code rewriteBatchedStatements} option was removed in 3.0 and is not set. {@code useServerPrepStmts=true}: every
 * other statement is prepared once per connection on the server and then executed with binary parameters (the
 * driver caches them per connection), instead of being sent as text the server parses on every run; the store's IN
 * lists come in a few fixed sizes ({@code InQuery}) so that they stay prepared. Every pool runs READ COMMITTED.
 */
public final class DataSources {
    static final String H2_PREFIX = "jdbc:h2:";
    static final String MARIADB_PREFIX = "jdbc:mariadb:";
    public static final String DEFAULT_H2_URL =
        "jdbc:h2:file:./data/gateway;MODE=MariaDB;DATABASE_TO_LOWER=TRUE;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
    private static final Logger LOG = LoggerFactory.getLogger(DataSources.class);
    private static final String SHARED_MIGRATIONS = "classpath:db/migration";
    private static final String VENDOR_MIGRATIONS = "db/vendor/";
    /** Key and value of every H2 setting the store relies on. */
    private static final String[][] H2_REQUIRED = {
        {"MODE", "MariaDB"}, {"DATABASE_TO_LOWER", "TRUE"}, {"WRITE_DELAY", "0"}, {"DB_CLOSE_ON_EXIT", "FALSE"},
    };

    private DataSources() {
    }

    /** A started pool with the schema migrated; closes the pool again if the migration fails. */
    public static HikariDataSource open(DataSourceSettings settings) {
        HikariDataSource dataSource = new HikariDataSource(hikariConfig(settings));
        try {
            migrate(dataSource);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return dataSource;
    }

    /**
     * Applies pending migrations: the shared schema from {@code db/migration}, plus the database's own statements from
     * {@code db/vendor/<h2|mariadb>} when it has any (versioned between the shared ones, e.g. {@code V1_1}). Only
     * settings with no equivalent on the other database, and changes the two databases spell differently (each then
     * has its own file of the same version, e.g. {@code V1_2}), belong there.
     */
    public static void migrate(DataSource dataSource) {
        migrate(dataSource, MigrationVersion.LATEST);
    }

    /** {@link #migrate(DataSource)} up to {@code target} only (tests of a migration's data). */
    static void migrate(DataSource dataSource, MigrationVersion target) {
        String vendor = Dialect.of(dataSource).name().toLowerCase(Locale.ROOT);
        List<String> locations = new ArrayList<>(List.of(SHARED_MIGRATIONS));
        if (DataSources.class.getClassLoader().getResource(VENDOR_MIGRATIONS + vendor) != null) {
            locations.add("classpath:" + VENDOR_MIGRATIONS + vendor);
        }
        MigrateResult result = Flyway.configure()
            .dataSource(dataSource)
            .locations(locations.toArray(String[]::new))
            .failOnMissingLocations(true)
            .target(target)
            .load()
            .migrate();
        if (result.migrationsExecuted > 0) {
            LOG.info("store schema migrated to version {} ({} migrations applied)", result.targetSchemaVersion,
                result.migrationsExecuted);
        }
    }

    static HikariConfig hikariConfig(DataSourceSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("gateway-store");
        config.setUsername(settings.username());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.maxPoolSize());
        config.setMinimumIdle(settings.maxPoolSize());
        config.setConnectionTimeout(settings.connectionTimeout().toMillis());
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        if (settings.jdbcUrl().startsWith(H2_PREFIX)) {
            config.setJdbcUrl(h2Url(settings.jdbcUrl()));
        } else {
            config.setJdbcUrl(settings.jdbcUrl());
            config.addDataSourceProperty("useBulkStmts", "true");
            config.addDataSourceProperty("useBulkStmtsForInserts", "true");
            config.addDataSourceProperty("useServerPrepStmts", "true");
        }
        return config;
    }

    /** The H2 URL with every setting the store relies on; refuses a URL that contradicts one. */
    static String h2Url(String url) {
        String[] pieces = url.split(";");
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 1; i < pieces.length; i++) {
            if (pieces[i].isEmpty()) {
                continue;
            }
            int eq = pieces[i].indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("jdbcUrl: " + url + " (expected: ;KEY=VALUE settings)");
            }
            settings.put(pieces[i].substring(0, eq).toUpperCase(Locale.ROOT), pieces[i].substring(eq + 1));
        }
        StringBuilder sb = new StringBuilder(pieces[0]);
        for (String[] required : H2_REQUIRED) {
            String given = settings.get(required[0]);
            if (given != null && !given.equalsIgnoreCase(required[1])) {
                throw new IllegalArgumentException(
                    "jdbcUrl: " + url + " (expected: " + required[0] + "=" + required[1] + ")");
            }
            settings.putIfAbsent(required[0], required[1]);
        }
        settings.forEach((key, value) -> sb.append(';').append(key).append('=').append(value));
        return sb.toString();
    }
}
