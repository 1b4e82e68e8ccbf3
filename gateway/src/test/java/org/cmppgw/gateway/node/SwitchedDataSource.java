package org.cmppgw.gateway.node;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** A real data source that a test can cut off: while down, every connection attempt fails as a lost database would. */
final class SwitchedDataSource implements DataSource {
    private final DataSource real;
    private volatile boolean down;

    SwitchedDataSource(DataSource real) {
        this.real = real;
    }

    void down(boolean isDown) {
        this.down = isDown;
    }

    @Override
    public Connection getConnection() throws SQLException {
        check();
        return real.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        check();
        return real.getConnection(username, password);
    }

    private void check() throws SQLException {
        if (down) {
            throw new SQLException("test - the database is unreachable", "08S01");
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return real.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        real.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        real.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return real.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return real.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return real.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return real.isWrapperFor(iface);
    }
}
