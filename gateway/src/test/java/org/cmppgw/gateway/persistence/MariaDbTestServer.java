package org.cmppgw.gateway.persistence;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MariaDBContainer;
import org.testcontainers.utility.DockerImageName;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real MariaDB per test JVM, shared by every IT that uses this extension ({@code @ExtendWith}), stopped when the
 * test plan ends (and by a shutdown hook if the JVM is told to exit first). Testcontainers (image
 * {@value #IMAGE}) when a Docker engine answers; otherwise a local {@code mariadbd} from the Debian package
 * {@code mariadb-server}, see {@link LocalMariaDb}. Full durability either way
 * ({@code innodb_flush_log_at_trx_commit=1}).
 *
 * <p>When neither can start, the ITs fail with a message that says how to fix it; they are never skipped, because a
 * skipped store test proves nothing. {@code -Dmariadb.mode=local|docker} forces one backend.
 */
public final class MariaDbTestServer implements BeforeAllCallback {
    public static final String IMAGE = "mariadb:10.11";
    private static final Logger LOG = LoggerFactory.getLogger(MariaDbTestServer.class);
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static Backend backend;
    private static RuntimeException startFailure;

    /** A fresh database on the shared server, and the account that owns it. */
    public record Database(String jdbcUrl, String username, String password) {
        @Override
        public String toString() {
            return "Database[jdbcUrl=" + jdbcUrl + ", username=" + username + ", password=****]";
        }
    }

    /** A started server: where to connect and how to stop it. */
    interface Backend extends AutoCloseable {
        String host();

        int port();

        String username();

        String password();

        @Override
        void close();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Backend started = startShared();
        // The root store closes its resources after the whole test plan, so every IT class shares the server.
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
            .getOrComputeIfAbsent(MariaDbTestServer.class, key -> (ExtensionContext.Store.CloseableResource) () -> {
                stopShared();
            });
        LOG.debug("MariaDB for tests at {}:{}", started.host(), started.port());
    }

    /** The shared server; the extension must have run (use {@code @ExtendWith(MariaDbTestServer.class)}). */
    static synchronized Backend server() {
        if (backend == null) {
            throw new IllegalStateException("mariadb - not started (expected: @ExtendWith(MariaDbTestServer.class))");
        }
        return backend;
    }

    /** Creates an empty utf8mb4 database on the shared server. */
    public static Database createDatabase() {
        Backend server = server();
        String name = "it_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        return new Database(createDatabase(server, name), server.username(), server.password());
    }

    /** Creates an empty utf8mb4 database {@code name} on {@code server}: its JDBC URL. */
    static String createDatabase(Backend server, String name) {
        try (Connection connection = DriverManager.getConnection(baseUrl(server), server.username(),
            server.password()); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException e) {
            throw new IllegalStateException("mariadb - cannot create database " + name + " (" + e + ")", e);
        }
        return baseUrl(server) + name;
    }

    static String baseUrl(Backend server) {
        return "jdbc:mariadb://" + server.host() + ":" + server.port() + "/";
    }

    private static synchronized Backend startShared() {
        if (backend != null) {
            return backend;
        }
        if (startFailure != null) {
            throw startFailure;
        }
        String mode = System.getProperty("mariadb.mode", "auto").toLowerCase(Locale.ROOT);
        try {
            if (mode.equals("docker") || mode.equals("auto") && dockerAvailable()) {
                backend = startContainer();
            } else {
                LOG.info("mariadb - no Docker engine (or -Dmariadb.mode=local): starting a local mariadbd");
                backend = LocalMariaDb.start();
            }
        } catch (RuntimeException e) {
            startFailure = new IllegalStateException("mariadb - no database for the ITs: " + e.getMessage()
                + ". Install the Debian package mariadb-server (apt-get install mariadb-server) or start Docker", e);
            throw startFailure;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(MariaDbTestServer::stopShared, "mariadb-test-stop"));
        return backend;
    }

    private static synchronized void stopShared() {
        if (backend != null) {
            backend.close();
            backend = null;
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Backend startContainer() {
        MariaDBContainer<?> container = new MariaDBContainer<>(DockerImageName.parse(IMAGE));
        container.withUsername("root");
        container.withPassword("it-root");
        container.withCommand("--innodb-flush-log-at-trx-commit=1", "--character-set-server=utf8mb4",
            "--collation-server=utf8mb4_unicode_ci");
        container.start();
        LOG.info("mariadb - Testcontainers {} on port {}", IMAGE, container.getMappedPort(3306));
        return new Backend() {
            @Override
            public String host() {
                return container.getHost();
            }

            @Override
            public int port() {
                return container.getMappedPort(3306);
            }

            @Override
            public String username() {
                return "root";
            }

            @Override
            public String password() {
                return "it-root";
            }

            @Override
            public void close() {
                container.stop();
            }
        };
    }
}
