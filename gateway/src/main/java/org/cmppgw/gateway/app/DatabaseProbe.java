package org.cmppgw.gateway.app;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Answers "is the database reachable?" for {@code /health/ready} from a background check every two seconds, so the
 * management event loop never waits on JDBC. A check that hangs (a frozen database: the pool's connections all stuck
 * in writes) counts as down once it has run longer than the stall limit, without waiting for it to fail.
 */
final class DatabaseProbe implements AutoCloseable {
    private static final Duration PERIOD = Duration.ofSeconds(2);
    private static final int VALIDATION_TIMEOUT_SECONDS = 1;

    private final DataSource dataSource;
    private final long stallNanos;
    private BackgroundTask checks;
    private volatile boolean up;
    private volatile boolean checking;
    private volatile long checkStartedNanos;

    private DatabaseProbe(DataSource dataSource, Duration stallAfter) {
        this.dataSource = dataSource;
        this.stallNanos = stallAfter.toNanos();
    }

    /**
     * @param stallAfter a check running longer than this means the database is down
     */
    static DatabaseProbe start(DataSource dataSource, Duration stallAfter) {
        DatabaseProbe probe = new DatabaseProbe(dataSource, stallAfter);
        probe.check();
        probe.checks = BackgroundTask.every("db-probe", PERIOD, PERIOD, probe::check);
        return probe;
    }

    boolean isUp() {
        return up && !(checking && System.nanoTime() - checkStartedNanos > stallNanos);
    }

    private void check() {
        checkStartedNanos = System.nanoTime();
        checking = true;
        try (Connection connection = dataSource.getConnection()) {
            up = connection.isValid(VALIDATION_TIMEOUT_SECONDS);
        } catch (SQLException | RuntimeException e) {
            up = false;
        } finally {
            checking = false;
        }
    }

    @Override
    public void close() {
        checks.close();
    }
}
