package org.cmppgw.gateway.persistence.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import org.cmppgw.gateway.model.CarrierReport;
import org.cmppgw.gateway.model.MessageIdGenerator;
import org.cmppgw.gateway.model.MessageStatus;
import org.cmppgw.gateway.model.OutboundMessage;
import org.cmppgw.gateway.model.StoredMessage;
import org.cmppgw.gateway.model.SubmitOutcome;
import org.cmppgw.gateway.persistence.BatchWriter;
import org.cmppgw.gateway.persistence.SqlCount;
import org.cmppgw.testing.Await;
import org.cmppgw.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A fresh, migrated database per test with one open store (node 1) on it, plus the helpers every store contract
 * uses. Subclasses say which database: H2 file or MariaDB.
 */
abstract class StoreFixture {
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final String APP = "app-1";
    static final String CALLBACK = "http://127.0.0.1:8090/callback";
    static final String PROVIDER = "cmcc-1";
    static final String MOBILE = "13800138000";

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T08:00:00Z"));
    private final AtomicLong ids = new AtomicLong(1_000);
    private final List<AutoCloseable> opened = Collections.synchronizedList(new ArrayList<>());
    ExecutorService reads;
    DataSourceSettings database;
    HikariDataSource dataSource;
    JdbcMessageStore store;

    /** The settings of a new, empty database. */
    abstract DataSourceSettings newDatabase() throws Exception;

    @BeforeEach
    final void openStore() throws Exception {
        reads = Executors.newFixedThreadPool(2);
        database = newDatabase();
        dataSource = openDataSource();
        store = openStore(dataSource, StoreSettings.defaults(1), BatchWriter.Listener.NONE);
    }

    @AfterEach
    final void closeAll() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        reads.shutdownNow();
    }

    /** Closed after the test, before what was opened earlier. */
    <T extends AutoCloseable> T track(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    HikariDataSource openDataSource() {
        HikariDataSource ds = DataSources.open(database);
        opened.add(ds);
        return ds;
    }

    JdbcMessageStore openStore(HikariDataSource ds, StoreSettings settings, BatchWriter.Listener listener) {
        return openStore(ds, settings, lane -> listener);
    }

    JdbcMessageStore openStore(HikariDataSource ds, StoreSettings settings,
                               Function<JdbcMessageStore.Lane, BatchWriter.Listener> listeners) {
        JdbcMessageStore s = JdbcMessageStore.open(ds, settings, clock, reads, listeners);
        opened.add(s);
        return s;
    }

    /** Closes the store and its pool, as a stopped process would, and opens new ones on the same database. */
    void restart() {
        store.close();
        dataSource.close();
        dataSource = openDataSource();
        store = openStore(dataSource, StoreSettings.defaults(1), BatchWriter.Listener.NONE);
    }

    long nextId() {
        return ids.incrementAndGet();
    }

    /** A msg_id that starts with the clock's millisecond, as the gateway's do: the admission rules read by it. */
    long timeOrderedId() {
        return MessageIdGenerator.firstIdOf(clock.millis()) + nextId();
    }

    OutboundMessage message(int parts) {
        return new OutboundMessage(nextId(), APP, MOBILE, "【签名】您的验证码是 123456", 7, 5, CALLBACK, parts,
            clock.instant());
    }

    /** A message of an app that pulls its reports instead of receiving callbacks. */
    OutboundMessage pulledMessage(String appKey) {
        return new OutboundMessage(nextId(), appKey, MOBILE, "【签名】hello", 7, 5, null, 1, clock.instant());
    }

    SubmitOutcome submitted(OutboundMessage m, int part, long carrierMsgId) {
        return new SubmitOutcome(m.msgId(), part, m.parts(), PROVIDER, carrierMsgId, 0, clock.instant());
    }

    CarrierReport report(long carrierMsgId, String stat) {
        return new CarrierReport(PROVIDER, carrierMsgId, stat, MOBILE, clock.instant());
    }

    OutboundMessage accepted(int parts) {
        OutboundMessage m = message(parts);
        Await.result("accept", store.accept(List.of(m)));
        return m;
    }

    /** Accepted and every part submitted, carrier ids {@code firstCarrierId + part - 1}. */
    OutboundMessage submittedMessage(int parts, long firstCarrierId) {
        OutboundMessage m = accepted(parts);
        List<SubmitOutcome> outcomes = new ArrayList<>();
        for (int part = 1; part <= parts; part++) {
            outcomes.add(submitted(m, part, firstCarrierId + part - 1));
        }
        Await.result("recordSubmitted", store.recordSubmitted(outcomes));
        return m;
    }

    StoredMessage find(long msgId) {
        return Await.result("msg " + msgId, store.findMessage(msgId)).orElseThrow();
    }

    MessageStatus status(long msgId) {
        return find(msgId).status();
    }

    /** Registers node {@code node} as live, as its start does (the table of db/migration/V8__store_queue.sql). */
    void insertNode(int node) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO gateway_node (node_id, instance_id, host, pid,"
                 + " started_at, heartbeat_at, adopted_by) VALUES (?, ?, 'test', 1, ?, ?, NULL)")) {
            insert.setInt(1, node);
            insert.setString(2, "instance-" + node);
            insert.setLong(3, clock.millis());
            insert.setLong(4, clock.millis());
            insert.executeUpdate();
        }
    }

    long count(String sql) {
        return SqlCount.of(dataSource, sql);
    }
}
