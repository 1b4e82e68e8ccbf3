package org.cmppgw.gateway.provider.cmpp;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.util.concurrent.ImmediateEventExecutor;
import org.cmppgw.cmpp.sms.Segmenter;
import org.cmppgw.cmpp.sms.SegmenterOptions;
import org.cmppgw.gateway.model.MessagePriority;
import org.cmppgw.gateway.model.OutboundMessage;
import org.cmppgw.gateway.persistence.MessageStore;
import org.cmppgw.gateway.provider.OutboundSms;
import org.cmppgw.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Hot-path warnings come at most once per interval, however many messages hit the same failure. */
class ThrottledWarningsTest {
    @Test
    void aStoreThatFailsEveryUnknownOutcomeGivesOneWarningPerIntervalAndEveryMessageIsStillLetGo() {
        MessageStore failing = (MessageStore) Proxy.newProxyInstance(MessageStore.class.getClassLoader(),
            new Class<?>[] {MessageStore.class}, (proxy, method, args) -> {
                if (method.getName().equals("recordFinal")) {
                    return CompletableFuture.failedFuture(new IllegalStateException("database down"));
                }
                throw new UnsupportedOperationException(method.getName());
            });
        MutableClock clock = new MutableClock(Instant.parse("2026-01-05T08:00:00Z"));
        OutcomeRecorder recorder = new OutcomeRecorder("cmcc-1", failing, Clock.systemUTC(),
            ImmediateEventExecutor.INSTANCE, PoolSettings.defaults(), clock::nanoTime);
        AtomicInteger decided = new AtomicInteger();
        Logger logger = (Logger) LoggerFactory.getLogger(OutcomeRecorder.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        try {
            clock.advance(Duration.ofNanos(PoolSettings.WARN_INTERVAL_NANOS));
            for (int i = 0; i < 50; i++) {
                recorder.unknown(new PartTask(sms(i + 1, decided), 0));
            }
            clock.advance(Duration.ofNanos(PoolSettings.WARN_INTERVAL_NANOS));
            recorder.unknown(new PartTask(sms(51, decided), 0));
        } finally {
            logger.detachAppender(log);
        }

        assertThat(decided).as("each message let go").hasValue(51);
        assertThat(log.list).filteredOn(e -> e.getLevel() == Level.WARN).extracting(ILoggingEvent::getFormattedMessage)
            .hasSize(2)
            .satisfies(lines -> assertThat(lines.get(0)).contains("msg=1 ", "(0 more like it"))
            .satisfies(lines -> assertThat(lines.get(1)).contains("msg=51 ", "(49 more like it"));
    }

    private static OutboundSms sms(long msgId, AtomicInteger decided) {
        OutboundMessage message = new OutboundMessage(msgId, "app", "13800138000", "【签名】hello", 0, 5, null, 1,
            Instant.EPOCH);
        return new OutboundSms(message, new Segmenter(SegmenterOptions.defaults()).split(message.content()),
            MessagePriority.NORMAL, sms -> decided.incrementAndGet());
    }
}
