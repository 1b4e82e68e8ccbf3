package org.cmppgw.gateway.persistence;

import org.cmppgw.testing.Await;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A throw-away {@code mariadbd} for tests when there is no Docker: {@code mariadb-install-db} into a temporary data
 * directory, then {@code mariadbd --no-defaults} on 127.0.0.1 and a free port, with its socket, pid file, logs and
 * tmpdir inside that directory, full durability, utf8mb4, and an init file that creates the test user. Stopped with
 * SIGTERM (a clean InnoDB shutdown), then the directory is deleted.
 */
public final class LocalMariaDb implements MariaDbTestServer.Backend {
    private static final Logger LOG = LoggerFactory.getLogger(LocalMariaDb.class);
    private static final String USER = "it";
    private static final String PASSWORD = "it-secret";
    private static final long INSTALL_TIMEOUT_SECONDS = 120;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final long STOP_TIMEOUT_SECONDS = 30;
    private static final int START_ATTEMPTS = 3;

    private final Path dir;
    private final Process process;
    private final int port;

    private LocalMariaDb(Path dir, Process process, int port) {
        this.dir = dir;
        this.process = process;
        this.port = port;
    }

    /** Starts a server of its own (the shared one is {@link MariaDbTestServer}'s), e.g. to freeze it. */
    public static LocalMariaDb start() {
        String server = find("mariadbd", "/usr/sbin/mariadbd", "/usr/sbin/mysqld");
        String installer = find("mariadb-install-db", "/usr/bin/mariadb-install-db", "/usr/bin/mysql_install_db");
        Path dir;
        try {
            dir = Files.createTempDirectory("mariadb-it-");
            install(installer, dir, isRoot() ? "root" : null);
            Files.writeString(dir.resolve("init.sql"), "CREATE USER IF NOT EXISTS '" + USER + "'@'127.0.0.1'"
                + " IDENTIFIED BY '" + PASSWORD + "';\nGRANT ALL PRIVILEGES ON *.* TO '" + USER + "'@'127.0.0.1'"
                + " WITH GRANT OPTION;\n", StandardCharsets.UTF_8);
            Files.createDirectories(dir.resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException("mariadb - cannot prepare a data directory (" + e + ")", e);
        }
        // The free port may be taken between our probe and mariadbd's bind: try a few.
        for (int attempt = 1; ; attempt++) {
            int port = freePort();
            LocalMariaDb db = new LocalMariaDb(dir, launch(server, dir, port), port);
            try {
                db.awaitReady();
                LOG.info("mariadb - local {} on 127.0.0.1:{} in {}", server, port, dir);
                return db;
            } catch (RuntimeException | AssertionError e) {
                db.stop();
                if (attempt == START_ATTEMPTS || !e.getMessage().contains("exited")) {
                    deleteRecursively(dir);
                    throw e;
                }
            }
        }
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String username() {
        return USER;
    }

    @Override
    public String password() {
        return PASSWORD;
    }

    /** SIGSTOP: the server stops answering, its connections stay open, as in a stalled disk or a VM pause. */
    public void freeze() {
        signal("-STOP");
    }

    /** SIGCONT: it answers again. */
    public void thaw() {
        signal("-CONT");
    }

    /** An empty utf8mb4 database on this server: its JDBC URL. */
    public String createDatabase(String name) {
        return MariaDbTestServer.createDatabase(this, name);
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
            assertThat(kill.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS) && kill.exitValue() == 0)
                .as("kill %s %s", signal, process.pid()).isTrue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        thawQuietly();
        stop();
        deleteRecursively(dir);
    }

    /** A frozen server would not stop on SIGTERM. */
    private void thawQuietly() {
        try {
            new ProcessBuilder("kill", "-CONT", Long.toString(process.pid())).start().waitFor(STOP_TIMEOUT_SECONDS,
                TimeUnit.SECONDS);
        } catch (IOException e) {
            LOG.warn("mariadb - cannot send SIGCONT: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("mariadb - no clean shutdown within {} s, killing it", STOP_TIMEOUT_SECONDS);
                process.destroyForcibly().waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** @param user the system user the server will run as, or {@code null} for this process's own */
    static void install(String installer, Path dir, String user) throws IOException {
        List<String> command = new ArrayList<>(List.of(installer, "--no-defaults", "--datadir=" + dir.resolve("data"),
            "--auth-root-authentication-method=normal", "--skip-test-db"));
        if (user != null) {
            command.add("--user=" + user);
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(dir.resolve("install.log").toFile()).start();
        try {
            if (!p.waitFor(INSTALL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("mariadb - mariadb-install-db hung (timeout="
                    + INSTALL_TIMEOUT_SECONDS + " s)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IllegalStateException("mariadb - interrupted during mariadb-install-db", e);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("mariadb - mariadb-install-db failed (exit=" + p.exitValue() + "): "
                + tail(dir.resolve("install.log")));
        }
    }

    private static Process launch(String server, Path dir, int port) {
        List<String> command = new ArrayList<>(List.of(server, "--no-defaults",
            "--datadir=" + dir.resolve("data"), "--socket=" + dir.resolve("mysqld.sock"),
            "--pid-file=" + dir.resolve("mysqld.pid"), "--log-error=" + dir.resolve("error.log"),
            "--tmpdir=" + dir.resolve("tmp"), "--port=" + port, "--bind-address=127.0.0.1", "--skip-name-resolve",
            "--init-file=" + dir.resolve("init.sql"), "--innodb-flush-log-at-trx-commit=1",
            "--innodb-buffer-pool-size=256M", "--max-connections=300", "--character-set-server=utf8mb4",
            "--collation-server=utf8mb4_unicode_ci"));
        if (isRoot()) {
            command.add("--user=root");
        }
        try {
            return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("mariadb - cannot run " + server + " (" + e + ")", e);
        }
    }

    private void awaitReady() {
        String url = "jdbc:mariadb://127.0.0.1:" + port + "/";
        AtomicReference<SQLException> last = new AtomicReference<>();
        Await.until("mariadb - mariadbd accepting connections on port " + port, START_TIMEOUT, () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("mariadb - mariadbd exited (exit=" + process.exitValue() + "): "
                    + tail(dir.resolve("error.log")));
            }
            try (Connection connection = DriverManager.getConnection(url, USER, PASSWORD)) {
                return connection.isValid(5);
            } catch (SQLException e) {
                last.set(e);
                return false;
            }
        }, () -> last.get() + ": " + tail(dir.resolve("error.log")));
    }

    static String find(String name, String... candidates) {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String entry : path.split(File.pathSeparator)) {
                Path p = Path.of(entry, name);
                if (Files.isExecutable(p)) {
                    return p.toString();
                }
            }
        }
        for (String candidate : candidates) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("mariadb - " + name + " not found on PATH or in " + List.of(candidates));
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("mariadb - no free port (" + e + ")", e);
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no " + log.getFileName() + ": " + e + ")";
        }
    }

    static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("mariadb - could not delete {} ({})", root, e.toString());
        }
    }
}
