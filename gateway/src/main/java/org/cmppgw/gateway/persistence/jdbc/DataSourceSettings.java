package org.cmppgw.gateway.persistence.jdbc;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the store's database is and how big its pool is. {@code jdbcUrl} is {@code jdbc:h2:file:...} (embedded, the
 * default) or {@code jdbc:mariadb://...} (production); {@link DataSources} adds the settings each one needs.
 *
 * @param jdbcUrl           the JDBC URL
 * @param username          the user ("" for H2's default)
 * @param password          the password, never printed
 * @param maxPoolSize       connections in the pool: one for the writer, the rest for reads
 * @param connectionTimeout how long a caller waits for a connection before failing
 */
public record DataSourceSettings(String jdbcUrl, String username, String password, int maxPoolSize,
                                 Duration connectionTimeout) {
    public static final int DEFAULT_POOL_SIZE = 8;
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);

    public DataSourceSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith(DataSources.H2_PREFIX) && !jdbcUrl.startsWith(DataSources.MARIADB_PREFIX)) {
            throw new IllegalArgumentException("jdbcUrl: " + jdbcUrl + " (expected: jdbc:h2:... or jdbc:mariadb:...)");
        }
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (maxPoolSize < 2) {
            throw new IllegalArgumentException("maxPoolSize: " + maxPoolSize + " (expected: >= 2)");
        }
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        if (connectionTimeout.toMillis() < 250) {
            throw new IllegalArgumentException(
                "connectionTimeout: " + connectionTimeout + " (expected: >= 250 ms, HikariCP's minimum)");
        }
    }

    /** The embedded default: an H2 file under {@code ./data}. */
    public static DataSourceSettings embedded() {
        return of(DataSources.DEFAULT_H2_URL, "", "");
    }

    /** Default pool size and timeout. */
    public static DataSourceSettings of(String jdbcUrl, String username, String password) {
        return new DataSourceSettings(jdbcUrl, username, password, DEFAULT_POOL_SIZE, DEFAULT_CONNECTION_TIMEOUT);
    }

    @Override
    public String toString() {
        return "DataSourceSettings[jdbcUrl=" + jdbcUrl + ", username=" + username + ", password=****, maxPoolSize="
            + maxPoolSize + ", connectionTimeout=" + connectionTimeout + "]";
    }
}
