package org.cmppgw.gateway.provider.cmpp;

import io.netty.channel.DefaultEventLoop;
import org.cmppgw.cmpp.sms.Segmenter;
import org.cmppgw.cmpp.sms.SegmenterOptions;
import org.cmppgw.gateway.model.MessagePriority;
import org.cmppgw.gateway.model.OutboundMessage;
import org.cmppgw.gateway.persistence.MessageStore;
import org.cmppgw.gateway.persistence.StoreException;
import org.cmppgw.gateway.provider.OutboundSms;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Submit outcomes the store could not take because the database was unreachable for a while (a failover) are written
 * again until it takes them; outcomes it refuses for good are let go at once (issue 13, a Galera node killed under
 * load).
 */
class OutcomeRetryTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final DefaultEventLoop loop = new DefaultEventLoop();

    @AfterEach
    void stopLoop() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** A store whose recordSubmitted fails {@code failures} times with {@code cause}, then succeeds. */
    private static MessageStore store(AtomicInteger calls, int failures, Exception cause) {
        return (MessageStore) Proxy.newProxyInstance(MessageStore.class.getClassLoader(),
            new Class<?>[] {MessageStore.class}, (proxy, method, args) -> {
                if (method.getName().equals("recordSubmitted")) {
                    return calls.incrementAndGet() <= failures
                        ? CompletableFuture.failedFuture(new StoreException("store-status-1 - write failed", cause))
                        : CompletableFuture.completedFuture(null);
                }
                throw new UnsupportedOperationException(method.getName());
            });
    }

    @Test
    void outcomesLostToAConnectionFailoverAreWrittenAgainUntilTheStoreTakesThem() {
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger decided = new AtomicInteger();
        OutcomeRecorder recorder = new OutcomeRecorder("cmcc-1", store(calls, 3,
            new SQLTransientConnectionException("Driver has reconnect connection. In progress transaction was lost")),
            Clock.systemUTC(), loop, PoolSettings.defaults(), System::nanoTime);

        recorder.accepted(new PartTask(sms(1, decided), 0), 42);

        Await.until("the outcome recorded on the fourth try", TIMEOUT, () -> decided.get() == 1);
        assertThat(calls).hasValue(4);
    }

    @Test
    void outcomesTheStoreRefusesForGoodAreLetGoAtOnce() {
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger decided = new AtomicInteger();
        OutcomeRecorder recorder = new OutcomeRecorder("cmcc-1", store(calls, Integer.MAX_VALUE,
            new SQLIntegrityConstraintViolationException("Duplicate entry")), Clock.systemUTC(), loop,
            PoolSettings.defaults(), System::nanoTime);

        recorder.accepted(new PartTask(sms(2, decided), 0), 43);

        Await.until("the message let go", TIMEOUT, () -> decided.get() == 1);
        assertThat(calls).hasValue(1);
    }

    private static OutboundSms sms(long msgId, AtomicInteger decided) {
        OutboundMessage message = new OutboundMessage(msgId, "app", "13800138000", "【签名】hello", 0, 5, null, 1,
            Instant.EPOCH);
        return new OutboundSms(message, new Segmenter(SegmenterOptions.defaults()).split(message.content()),
            MessagePriority.NORMAL, sms -> decided.incrementAndGet());
    }
}
