package org.cmppgw.gateway.config;

/**
 * The {@code database} section: the message store (docs/design.md §2, §3). H2 in file mode by default, MariaDB in
 * production.
 *
 * @param url           JDBC URL, {@code jdbc:h2:…} or {@code jdbc:mariadb://…}
 * @param user          database user
 * @param password      database password (masked in {@code toString})
 * @param poolSize      HikariCP maximum pool size
 * @param batchSize     rows per group commit (JDBC batch)
 * @param queueCapacity accepted messages waiting for their group commit; when full the API answers 503/50019
 */
public record DatabaseConfig(String url, String user, Secret password, int poolSize, int batchSize,
                             int queueCapacity) {
    public DatabaseConfig {
        ConfigChecks.text("url", url);
        if (!url.startsWith("jdbc:")) {
            throw new IllegalArgumentException("url: \"" + url + "\" (expected: a JDBC URL starting with jdbc:)");
        }
        user = ConfigChecks.optionalText(user);
        password = password == null ? Secret.of("") : password;
        ConfigChecks.range("poolSize", poolSize, 1, 256);
        ConfigChecks.range("batchSize", batchSize, 1, 10_000);
        ConfigChecks.range("queueCapacity", queueCapacity, 1, 10_000_000);
    }

    /** True for MariaDB/MySQL URLs, false for the embedded H2 store. */
    public boolean isMariaDb() {
        return url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:");
    }
}
