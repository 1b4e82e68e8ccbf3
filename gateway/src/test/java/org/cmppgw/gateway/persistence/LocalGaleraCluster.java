package org.cmppgw.gateway.persistence;

import org.cmppgw.testing.Await;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away three-node MariaDB Galera cluster on 127.0.0.1 for tests (docs/operations.md "A Galera cluster"), from
 * Debian's {@code mariadb-server} and {@code galera-4}: the first node bootstraps the cluster and creates the test
 * user, the others join it one at a time by rsync state transfer. Each node has its own data directory, SQL port and
 * group-communication, IST and SST ports. Run as root, the servers run as the {@code mysql} system user: the joiner's
 * rsync daemon drops to an unprivileged user and must be able to write the data directory it receives.
 */
public final class LocalGaleraCluster implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalGaleraCluster.class);
    private static final String USER = "it";
    private static final String PASSWORD = "it-secret";
    private static final String SERVER_USER = "mysql";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final long STOP_TIMEOUT_SECONDS = 30;
    private static final String PROVIDER = "/usr/lib/galera/libgalera_smm.so";
    private static final int PORTS_PER_NODE = 4;
    /** Every port handed out to a node of any cluster in this JVM: no two listeners are ever given the same one. */
    private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

    private final Path root;
    private final String server;
    private final List<Node> nodes = new ArrayList<>();

    /** One database node: its process (null once killed) and its SQL, group-communication, IST and SST ports. */
    private static final class Node {
        final int index;
        final Path dir;
        final int sqlPort;
        final int groupPort;
        final int istPort;
        final int sstPort;
        Process process;

        Node(int index, Path dir, int[] ports) {
            this.index = index;
            this.dir = dir;
            this.sqlPort = ports[0];
            this.groupPort = ports[1];
            this.istPort = ports[2];
            this.sstPort = ports[3];
        }
    }

    private LocalGaleraCluster(Path root, String server) {
        this.root = root;
        this.server = server;
    }

    /** Starts {@code size} nodes and waits until each one is synced with the others. */
    public static LocalGaleraCluster start(int size) {
        String server = LocalMariaDb.find("mariadbd", "/usr/sbin/mariadbd", "/usr/sbin/mysqld");
        String installer = LocalMariaDb.find("mariadb-install-db", "/usr/bin/mariadb-install-db",
            "/usr/bin/mysql_install_db");
        if (!Files.isReadable(Path.of(PROVIDER))) {
            throw new IllegalStateException("galera - " + PROVIDER + " not found (expected: Debian's galera-4)");
        }
        LocalGaleraCluster cluster;
        try {
            Path root = Files.createTempDirectory("galera-it-");
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
            cluster = new LocalGaleraCluster(root, server);
            for (int i = 0; i < size; i++) {
                Path dir = Files.createDirectories(root.resolve("node" + (i + 1)));
                Files.createDirectories(dir.resolve("tmp"));
                if (i == 0) {
                    LocalMariaDb.install(installer, dir, LocalMariaDb.isRoot() ? SERVER_USER : null);
                    Files.writeString(dir.resolve("init.sql"), "CREATE USER IF NOT EXISTS '" + USER + "'@'127.0.0.1'"
                        + " IDENTIFIED BY '" + PASSWORD + "';\nGRANT ALL PRIVILEGES ON *.* TO '" + USER
                        + "'@'127.0.0.1' WITH GRANT OPTION;\n", StandardCharsets.UTF_8);
                } else {
                    Files.createDirectories(dir.resolve("data"));
                }
                cluster.nodes.add(new Node(i + 1, dir, ports(PORTS_PER_NODE)));
            }
            if (LocalMariaDb.isRoot()) {
                giveToServerUser(root);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("galera - cannot prepare the data directories (" + e + ")", e);
        }
        try {
            for (Node node : cluster.nodes) {
                cluster.launch(node);
                cluster.awaitSynced(node);
            }
        } catch (RuntimeException | AssertionError e) {
            cluster.close();
            throw e;
        }
        LOG.info("galera - {} nodes synced on 127.0.0.1:{}", size, cluster.nodes.stream().map(n -> n.sqlPort).toList());
        return cluster;
    }

    /** The JDBC URL of database {@code name} over every node in failover order: the first that answers is used. */
    public String sequentialUrl(String name) {
        StringJoiner hosts = new StringJoiner(",", "jdbc:mariadb:sequential://", "/" + name);
        for (Node node : nodes) {
            hosts.add("127.0.0.1:" + node.sqlPort);
        }
        return hosts.toString();
    }

    /** The JDBC URL of database {@code name} on node {@code index} (1-based) alone. */
    public String nodeUrl(int index, String name) {
        return "jdbc:mariadb://127.0.0.1:" + nodes.get(index - 1).sqlPort + "/" + name;
    }

    /** Creates an empty utf8mb4 database on the cluster (replicated to every node). */
    public void createDatabase(String name) {
        try (Connection c = connect(nodes.get(0)); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException e) {
            throw new IllegalStateException("galera - cannot create database " + name + " (" + e + ")", e);
        }
    }

    public String username() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    /** SIGKILL to node {@code index} (1-based): a database host that dies, its clients' connections cut. */
    public void kill(int index) {
        Node node = nodes.get(index - 1);
        node.process.destroyForcibly();
        try {
            node.process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        node.process = null;
    }

    /** How many nodes the cluster has, as node {@code index} sees it. */
    public int clusterSize(int index) {
        try (Connection c = connect(nodes.get(index - 1)); Statement s = c.createStatement();
             ResultSet row = s.executeQuery("SHOW STATUS LIKE 'wsrep_cluster_size'")) {
            return row.next() ? row.getInt(2) : 0;
        } catch (SQLException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            Process process = nodes.get(i).process;
            if (process == null) {
                continue;
            }
            process.destroy();
            try {
                if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        LocalMariaDb.deleteRecursively(root);
    }

    private void launch(Node node) {
        Path dir = node.dir;
        StringJoiner members = new StringJoiner(",", "gcomm://", "");
        for (Node other : nodes) {
            if (other.index < node.index) {
                members.add("127.0.0.1:" + other.groupPort);
            }
        }
        // Node 1 has no earlier member: "gcomm://" with --wsrep-new-cluster bootstraps the cluster.
        int ist = node.istPort;
        int sst = node.sstPort;
        List<String> command = new ArrayList<>(List.of(server, "--no-defaults",
            "--datadir=" + dir.resolve("data"), "--socket=" + dir.resolve("mysqld.sock"),
            "--pid-file=" + dir.resolve("mysqld.pid"), "--log-error=" + dir.resolve("error.log"),
            "--tmpdir=" + dir.resolve("tmp"), "--port=" + node.sqlPort, "--bind-address=127.0.0.1",
            "--skip-name-resolve", "--innodb-buffer-pool-size=128M", "--max-connections=300",
            "--character-set-server=utf8mb4", "--collation-server=utf8mb4_unicode_ci",
            "--binlog-format=ROW", "--innodb-autoinc-lock-mode=2", "--default-storage-engine=InnoDB",
            "--wsrep-on=ON", "--wsrep-provider=" + PROVIDER, "--wsrep-cluster-name=it",
            "--wsrep-cluster-address=" + members, "--wsrep-node-name=node" + node.index,
            "--wsrep-node-address=127.0.0.1:" + node.groupPort,
            "--wsrep-provider-options=gmcast.listen_addr=tcp://127.0.0.1:" + node.groupPort
                + ";ist.recv_addr=127.0.0.1:" + ist + ";gcache.size=64M",
            "--wsrep-sst-method=rsync", "--wsrep-sst-receive-address=127.0.0.1:" + sst));
        if (node.index == 1) {
            command.add("--wsrep-new-cluster");
            command.add("--init-file=" + dir.resolve("init.sql"));
        }
        if (LocalMariaDb.isRoot()) {
            command.add("--user=" + SERVER_USER);
        }
        try {
            node.process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("galera - cannot run " + server + " (" + e + ")", e);
        }
    }

    private void awaitSynced(Node node) {
        Await.until("galera - node " + node.index + " synced with the cluster", READY_TIMEOUT, () -> {
            if (!node.process.isAlive()) {
                throw new IllegalStateException("galera - node " + node.index + " exited (exit="
                    + node.process.exitValue() + "): " + LocalMariaDb.tail(node.dir.resolve("error.log")));
            }
            try (Connection c = connect(node);
                 Statement s = c.createStatement();
                 ResultSet row = s.executeQuery("SHOW STATUS LIKE 'wsrep_local_state_comment'")) {
                return row.next() && "Synced".equals(row.getString(2)) && clusterSize(node.index) >= node.index;
            } catch (SQLException e) {
                return false;
            }
        }, () -> LocalMariaDb.tail(node.dir.resolve("error.log")));
    }

    /**
     * {@code count} free ports, distinct from each other and from every port given before: each is probed while the
     * others are still held, as a node's ports are all bound only once it runs.
     */
    private static int[] ports(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; ) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(socket);
                if (GIVEN.add(socket.getLocalPort())) {
                    ports[i++] = socket.getLocalPort();
                }
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("galera - no free ports (" + e + ")", e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException e) {
                    LOG.warn("galera - {}", e.toString());
                }
            }
        }
    }

    private static Connection connect(Node node) throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + node.sqlPort + "/", USER, PASSWORD);
    }

    private static void giveToServerUser(Path root) throws IOException {
        UserPrincipalLookupService lookup = root.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal user = lookup.lookupPrincipalByName(SERVER_USER);
        GroupPrincipal group = lookup.lookupPrincipalByGroupName(SERVER_USER);
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
                view.setOwner(user);
                view.setGroup(group);
            }
        }
    }
}
