package org.cmppgw.gateway.dispatch;

import com.zaxxer.hikari.HikariDataSource;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.auth.CmppTimestamp;
import org.cmppgw.cmpp.sms.Segmenter;
import org.cmppgw.cmpp.sms.SegmenterOptions;
import org.cmppgw.gateway.config.AppConfig;
import org.cmppgw.gateway.config.BacklogLimits;
import org.cmppgw.gateway.config.CallbackUrl;
import org.cmppgw.gateway.config.CircuitBreakerConfig;
import org.cmppgw.gateway.config.FlowControlConfig;
import org.cmppgw.gateway.config.MessageTtl;
import org.cmppgw.gateway.config.OutcomeBatchConfig;
import org.cmppgw.gateway.intake.AcceptedMessage;
import org.cmppgw.gateway.intake.DurableIntake;
import org.cmppgw.gateway.model.MessagePriority;
import org.cmppgw.gateway.config.ProviderConfig;
import org.cmppgw.gateway.config.ReconnectConfig;
import org.cmppgw.gateway.config.RoutingConfig;
import org.cmppgw.gateway.config.Secret;
import org.cmppgw.gateway.model.MessageIdGenerator;
import org.cmppgw.gateway.model.MessageStatus;
import org.cmppgw.gateway.model.StoredMessage;
import org.cmppgw.gateway.persistence.jdbc.DataSourceSettings;
import org.cmppgw.gateway.persistence.jdbc.DataSources;
import org.cmppgw.gateway.persistence.jdbc.JdbcMessageQueue;
import org.cmppgw.gateway.persistence.jdbc.JdbcMessageStore;
import org.cmppgw.gateway.persistence.jdbc.StoreSettings;
import org.cmppgw.gateway.provider.Provider;
import org.cmppgw.gateway.provider.cmpp.CmppProviderPool;
import org.cmppgw.gateway.provider.cmpp.PoolSettings;
import org.cmppgw.gateway.provider.cmpp.SharedServices;
import org.cmppgw.gateway.provider.cmpp.TestIsmg;
import org.cmppgw.testing.Await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The sending path over real sockets and a real store: an H2 file store in a temp dir (node 1), an event loop group,
 * recording metrics, and helpers to build providers, a dispatcher and an intake, send messages and wait for outcomes.
 */
final class SendPathFixture {
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final int NODE = 1;
    static final BacklogLimits BACKLOG = new BacklogLimits(1_000_000, 1_000_000, Duration.ofSeconds(1));
    static final MessageTtl TTL = new MessageTtl(Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1),
        Map.of());
    static final String APP = "app-1";
    static final String CALLBACK = "http://127.0.0.1:9/callback";
    static final String ACCESS_NUMBER = "1069000001";
    static final AppConfig APP_CONFIG = new AppConfig(APP, new Secret("master"),
        List.of(new CallbackUrl(CALLBACK, true)), List.of(), 0, 0);

    final Clock clock = Clock.systemUTC();
    final RecordingMetrics metrics = new RecordingMetrics();
    final EventLoopGroup group = new NioEventLoopGroup(2);
    final ExecutorService reads = Executors.newFixedThreadPool(2);
    final HikariDataSource dataSource;
    final JdbcMessageStore store;
    final MessageIdGenerator ids;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final List<Dispatcher> dispatchers = new ArrayList<>();
    private final List<QueueRefill> refills = new ArrayList<>();
    final JdbcMessageQueue queue;
    final QueueBacklog backlog = new QueueBacklog(BACKLOG, metrics);

    SendPathFixture(Path dir) {
        dataSource = DataSources.open(DataSourceSettings.of("jdbc:h2:file:" + dir.resolve("gateway"), "", ""));
        store = JdbcMessageStore.open(dataSource, StoreSettings.defaults(NODE), clock, reads);
        ids = new MessageIdGenerator(NODE, clock::millis, Await.result("maxMessageId", store.maxMessageId()));
        queue = new JdbcMessageQueue(dataSource, NODE, store.heldInRows(), clock);
    }

    <T extends AutoCloseable> T track(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    static ProviderConfig provider(String name, int port, int connections, int window, int tps) {
        return new ProviderConfig(name, "", "", "127.0.0.1", port, account(name), new Secret(TestIsmg.SECRET),
            ACCESS_NUMBER, connections, "SVC01", CmppVersion.V30, window, tps, Duration.ofSeconds(30), 3,
            Duration.ofSeconds(20), 2, Duration.ofSeconds(5),
            new ReconnectConfig(Duration.ofMillis(100), Duration.ofMillis(500)),
            new CircuitBreakerConfig(50, 100, 20, Duration.ofSeconds(30), 10), FlowControlConfig.defaults(),
            OutcomeBatchConfig.defaults(), Duration.ofSeconds(15), CmppTimestamp.BEIJING);
    }

    /** The login account of provider {@code name}: at most 6 characters. */
    static String account(String name) {
        return name.length() <= 6 ? name : name.substring(0, 6);
    }

    SharedServices shared(EventLoopGroup loops, List<AppConfig> apps) {
        return SharedServices.of(store, metrics, clock, loops, ids, apps);
    }

    CmppProviderPool pool(ProviderConfig config) {
        return new CmppProviderPool(config, shared(group, List.of(APP_CONFIG)), PoolSettings.defaults());
    }

    /** A started dispatcher over {@code providers}; closed with the fixture. */
    Dispatcher dispatcher(List<? extends Provider> providers, RoutingConfig routing, int capacity) {
        Dispatcher dispatcher = new Dispatcher(providers, routing, new DispatchCapacity(capacity),
            new Segmenter(SegmenterOptions.defaults()), metrics);
        dispatchers.add(dispatcher);
        dispatcher.start();
        QueueRefill refill = new QueueRefill(queue, dispatcher, store, backlog, metrics, clock, capacity,
            BACKLOG.countInterval());
        refills.add(refill);
        refill.start();
        return dispatcher;
    }

    Dispatcher dispatcher(Provider provider) {
        return dispatcher(List.of(provider), new RoutingConfig("", "", List.of()), 10_000);
    }

    /** The intake of {@code dispatcher}: every message it may hold in memory goes there at once, the rest waits. */
    DurableIntake intake(Dispatcher dispatcher) {
        return new DurableIntake(store, dispatcher, ids, backlog, TTL, dispatcher.capacity().capacity());
    }

    static AcceptedMessage message(String mobile, String content) {
        return message(APP, mobile, content);
    }

    static AcceptedMessage message(String appKey, String mobile, String content) {
        return new AcceptedMessage(appKey, mobile, content, 1, 1, CALLBACK, MessagePriority.NORMAL, Instant.now());
    }

    /** Sends each text to its own mobile number; returns the msg ids. */
    static long[] send(DurableIntake intake, int count, String content) {
        List<AcceptedMessage> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            messages.add(message("1380013" + String.format("%04d", i), content));
        }
        return Await.result("accept", intake.accept(messages));
    }

    /** Waits until the message is final (the store is written asynchronously); returns it. */
    StoredMessage awaitFinal(long msgId) {
        AtomicReference<Optional<StoredMessage>> found = new AtomicReference<>(Optional.empty());
        Await.until("msg " + msgId + " final", TIMEOUT, () -> {
            found.set(Await.result("msg " + msgId, store.findMessage(msgId)));
            return found.get().isPresent() && found.get().get().status().isFinal();
        }, () -> "now " + found.get().map(StoredMessage::status).orElse(null));
        return found.get().orElseThrow();
    }

    /** Waits until the message has {@code status} (the store is written asynchronously); returns it. */
    MessageStatus awaitStatus(long msgId, MessageStatus status) {
        Await.until("msg " + msgId + " " + status, TIMEOUT,
            () -> Await.result("msg " + msgId, store.findMessage(msgId)).map(StoredMessage::status).orElse(null)
                == status);
        return status;
    }

    /** Waits until every message of {@code msgIds} has {@code status}. */
    void awaitAllStatus(long[] msgIds, MessageStatus status) {
        for (long msgId : msgIds) {
            awaitStatus(msgId, status);
        }
    }

    List<StoredMessage> awaitAllFinal(long[] msgIds) {
        List<StoredMessage> all = new ArrayList<>();
        for (long msgId : msgIds) {
            all.add(awaitFinal(msgId));
        }
        return all;
    }

    void close() throws Exception {
        // Carriers first: a drain then never waits for a silent ISMG's answers.
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
        for (QueueRefill refill : refills) {
            refill.close();
        }
        for (Dispatcher dispatcher : dispatchers) {
            dispatcher.close();
        }
        queue.close();
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        store.close();
        dataSource.close();
        reads.shutdownNow();
    }
}
