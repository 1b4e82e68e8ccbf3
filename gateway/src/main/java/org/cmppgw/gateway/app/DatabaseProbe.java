package org.cmppgw.gateway.app;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Answers "is the database reachable?" for {@code /health/ready} from a background check every two seconds, so the
 * management event loop never waits on JDBC.
 */
final class DatabaseProbe implements AutoCloseable {
    private static final Duration PERIOD = Duration.ofSeconds(2);
    private static final int VALIDATION_TIMEOUT_SECONDS = 1;

    private final DataSource dataSource;
    private BackgroundTask checks;
    private volatile boolean up;

    private DatabaseProbe(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    static DatabaseProbe start(DataSource dataSource) {
        DatabaseProbe probe = new DatabaseProbe(dataSource);
        probe.check();
        probe.checks = BackgroundTask.every("db-probe", PERIOD, PERIOD, probe::check);
        return probe;
    }

    boolean isUp() {
        return up;
    }

    private void check() {
        try (Connection connection = dataSource.getConnection()) {
            up = connection.isValid(VALIDATION_TIMEOUT_SECONDS);
        } catch (SQLException | RuntimeException e) {
            up = false;
        }
    }

    @Override
    public void close() {
        checks.close();
    }
}
