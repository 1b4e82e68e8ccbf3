package org.cmppgw.gateway.app;

import io.netty.util.concurrent.DefaultThreadFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Answers "is the database reachable?" for {@code /health/ready} from a background check every two seconds, so the
 * management event loop never waits on JDBC.
 */
final class DatabaseProbe implements AutoCloseable {
    private static final int PERIOD_SECONDS = 2;
    private static final int VALIDATION_TIMEOUT_SECONDS = 1;

    private final DataSource dataSource;
    private final ScheduledExecutorService timer;
    private volatile boolean up;

    private DatabaseProbe(DataSource dataSource) {
        this.dataSource = dataSource;
        this.timer = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("db-probe", true));
    }

    static DatabaseProbe start(DataSource dataSource) {
        DatabaseProbe probe = new DatabaseProbe(dataSource);
        probe.check();
        probe.timer.scheduleWithFixedDelay(probe::check, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
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
        timer.shutdownNow();
    }
}
