package org.cmppgw.gateway.clicks;

import com.zaxxer.hikari.HikariDataSource;
import org.cmppgw.gateway.callback.outbox.CallbackFilter;
import org.cmppgw.gateway.history.BatchPace;
import org.cmppgw.gateway.history.HistoryPurge;
import org.cmppgw.gateway.model.CallbackType;
import org.cmppgw.gateway.model.Channel;
import org.cmppgw.gateway.model.MessageIdGenerator;
import org.cmppgw.gateway.persistence.AcceptHook;
import org.cmppgw.gateway.persistence.jdbc.DataSourceSettings;
import org.cmppgw.gateway.persistence.jdbc.DataSources;
import org.cmppgw.gateway.persistence.jdbc.JdbcHistoryStore;
import org.cmppgw.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code click_link} table (V21 migration, docs/api.md "Click tracking"), the same on H2 and MariaDB: links stored
 * with their accept, clicks counted, one CLICK outbox row per message even when its links are clicked at once,
 * removed with the history.
 */
abstract class ClickStoreContract {
    private static final long NOW = Instant.parse("2026-12-04T08:00:00Z").toEpochMilli();
    private static final String CALLBACK = "http://127.0.0.1:9/cb";

    private final SecureRandom random = new SecureRandom();
    HikariDataSource dataSource;
    ClickStore store;

    abstract DataSourceSettings newDatabase() throws Exception;

    @BeforeEach
    final void open() throws Exception {
        dataSource = DataSources.open(newDatabase());
        store = new ClickStore(dataSource, new MessageIdGenerator(0, () -> NOW, 0), CallbackFilter.ALL);
    }

    @AfterEach
    final void close() {
        dataSource.close();
    }

    private TrackedLink link(String url) {
        return new TrackedLink(ClickToken.random(random, 16), url);
    }

    /** Runs {@code hook} as an accept of {@code ids} with {@code verdicts} would. */
    private void accept(AcceptHook hook, long[] ids, int[] verdicts) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            assertThat(hook.apply(c, ids, verdicts)).isZero();
            c.commit();
        }
    }

    @Test
    void onlyTheLinksOfStoredMessagesAreKept() throws SQLException {
        TrackedLink stored = link("https://a.example/1");
        TrackedLink refused = link("https://a.example/2");
        accept(store.links("app", Channel.SMS, List.of(List.of(stored), List.of(refused)), List.of(CALLBACK, CALLBACK),
            NOW), new long[] {11, 12}, new int[] {0, 50009});

        Optional<ClickStore.Click> click = store.click(stored.token(), NOW + 5);
        assertThat(click).hasValue(new ClickStore.Click("https://a.example/1", Channel.SMS, 11, true));
        assertThat(store.click(refused.token(), NOW + 5)).as("its message was refused").isEmpty();
        assertThat(store.click(ClickToken.random(random, 16), NOW + 5)).as("never issued").isEmpty();
    }

    @Test
    void everyClickCountsAndOnlyAMessagesFirstQueuesItsCallback() throws SQLException {
        TrackedLink a = link("https://a.example/a");
        TrackedLink b = link("https://a.example/b");
        TrackedLink mail = link("https://a.example/a");
        accept(store.links("app", Channel.SMS, List.of(List.of(a, b)), List.of(CALLBACK), NOW), new long[] {21},
            new int[] {0});
        accept(store.links("app", Channel.EMAIL, List.of(List.of(mail)), List.of(""), NOW), new long[] {22},
            new int[] {0});
        assertThat(store.firstClick(Channel.SMS, 21)).isEmpty();

        assertThat(store.click(b.token(), NOW + 100).orElseThrow().firstOfMessage()).isTrue();
        assertThat(store.click(b.token(), NOW + 200).orElseThrow().firstOfMessage()).isFalse();
        assertThat(store.click(a.token(), NOW + 300).orElseThrow().firstOfMessage()).as("another link of it")
            .isFalse();
        assertThat(store.click(mail.token(), NOW + 400).orElseThrow().firstOfMessage()).isTrue();

        assertThat(store.firstClick(Channel.SMS, 21)).hasValue(Instant.ofEpochMilli(NOW + 100));
        assertThat(store.firstClick(Channel.EMAIL, 21)).as("ids are per channel").isEmpty();
        assertThat(store.firstClick(Channel.EMAIL, 22)).hasValue(Instant.ofEpochMilli(NOW + 400));
        assertThat(clicks(a)).isEqualTo(1);
        assertThat(clicks(b)).isEqualTo(2);
        assertThat(outbox()).as("one CLICK for the SMS; the mail has no callback URL").containsExactly(21L);
    }

    @Test
    void anAppThatTakesNoClickCallbacksGetsNone() throws SQLException {
        ClickStore quiet = new ClickStore(dataSource, new MessageIdGenerator(0, () -> NOW, 0),
            (appKey, type) -> type != CallbackType.CLICK);
        TrackedLink a = link("https://a.example/a");
        accept(quiet.links("app", Channel.SMS, List.of(List.of(a)), List.of(CALLBACK), NOW), new long[] {31},
            new int[] {0});

        assertThat(quiet.click(a.token(), NOW + 1)).isPresent();
        assertThat(quiet.firstClick(Channel.SMS, 31)).isPresent();
        assertThat(outbox()).isEmpty();
    }

    @Test
    void linksOfOneMessageClickedAtOnceQueueOneCallback() throws Exception {
        int links = 4;
        List<TrackedLink> all = new ArrayList<>();
        for (int i = 0; i < links; i++) {
            all.add(link("https://a.example/" + i));
        }
        accept(store.links("app", Channel.SMS, List.of(all), List.of(CALLBACK), NOW), new long[] {41},
            new int[] {0});
        // two stores: two nodes (or store threads) deciding at the same moment
        ClickStore other = new ClickStore(dataSource, new MessageIdGenerator(1, () -> NOW, 0), CallbackFilter.ALL);
        CyclicBarrier start = new CyclicBarrier(links);
        ExecutorService threads = Executors.newFixedThreadPool(links);
        try {
            List<Future<Boolean>> firsts = new ArrayList<>();
            for (int i = 0; i < links; i++) {
                ClickStore node = i % 2 == 0 ? store : other;
                ClickToken token = all.get(i).token();
                firsts.add(threads.submit(() -> {
                    start.await();
                    return node.click(token, NOW + 10).orElseThrow().firstOfMessage();
                }));
            }
            int first = 0;
            for (Future<Boolean> f : firsts) {
                first += f.get() ? 1 : 0;
            }
            assertThat(first).isEqualTo(1);
        } finally {
            threads.shutdownNow();
        }
        assertThat(outbox()).containsExactly(41L);
    }

    @Test
    void linksGoWithTheHistoryRetention() throws SQLException {
        TrackedLink old = link("https://a.example/old");
        TrackedLink recent = link("https://a.example/recent");
        accept(store.links("app", Channel.SMS, List.of(List.of(old)), List.of(CALLBACK), NOW), new long[] {51},
            new int[] {0});
        long twoDaysLater = NOW + Duration.ofDays(2).toMillis();
        accept(store.links("app", Channel.EMAIL, List.of(List.of(recent)), List.of(CALLBACK), twoDaysLater),
            new long[] {52}, new int[] {0});
        MutableClock clock = new MutableClock(Instant.ofEpochMilli(NOW).plus(Duration.ofDays(8)));
        HistoryPurge purge = new HistoryPurge(new JdbcHistoryStore(dataSource), clock, Duration.ofDays(7),
            new BatchPace(100, Duration.ZERO, System::nanoTime));

        assertThat(purge.round().clickLinks()).isEqualTo(1);

        assertThat(store.click(old.token(), clock.millis())).as("created before the retention").isEmpty();
        assertThat(store.click(recent.token(), clock.millis())).isPresent();
        assertThat(purge.round().clickLinks()).isZero();
    }

    private long clicks(TrackedLink link) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT clicks FROM click_link WHERE token = ?")) {
            select.setBytes(1, link.token().bytes());
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : -1;
            }
        }
    }

    /** The ref_ids of the CLICK outbox rows. */
    private List<Long> outbox() throws SQLException {
        List<Long> refs = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT ref_id FROM callback_outbox WHERE kind = ?"
                 + " ORDER BY ref_id")) {
            select.setInt(1, CallbackType.CLICK.code());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    refs.add(rows.getLong(1));
                }
            }
        }
        return refs;
    }
}
