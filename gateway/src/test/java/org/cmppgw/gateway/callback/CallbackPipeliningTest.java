package org.cmppgw.gateway.callback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.cmppgw.gateway.config.CallbackConfig;
import org.cmppgw.gateway.metrics.CallbackOutcome;
import org.cmppgw.gateway.model.OutboundMessage;
import org.cmppgw.simulator.smtp.SelfSignedTls;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cmppgw.gateway.callback.OutboxFixture.TIMEOUT;

/**
 * Callbacks pipelined on a keep-alive connection (callbacks.pipelineDepth), against a receiver that answers a group of
 * requests only once it has read all of them on one connection: each test's callbacks arrive only if the gateway
 * wrote them one behind the other. What happens when the server refuses one of them, closes the connection under
 * them, or announces its close.
 */
final class CallbackPipeliningTest extends OutboxTestBase {
    private static final int DEPTH = 4;
    /** A failed attempt would wait far longer than the test: every callback arriving proves none failed. */
    private static final List<Duration> JSMS_SCHEDULE = List.of(Duration.ofMinutes(3), Duration.ofHours(1),
        Duration.ofHours(12));

    private final Logger poolLog = (Logger) LoggerFactory.getLogger(EndpointPool.class);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void captureLog() {
        log.start();
        poolLog.addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        poolLog.detachAppender(log);
    }

    private void start(String url, List<Duration> schedule) {
        start(url, schedule, "");
    }

    /** {@code trustedCertificates}: callbacks.trustedCertificates, "" for the JVM's CA certificates. */
    private void start(String url, List<Duration> schedule, String trustedCertificates) {
        CallbackConfig callbacks = OutboxFixture.callbacks(schedule, Duration.ofSeconds(30), DEPTH, DEPTH,
            trustedCertificates, 100, Duration.ofSeconds(30));
        fixture.start(OutboxFixture.settings(callbacks, Duration.ofSeconds(30), Duration.ofSeconds(1)),
            OutboxFixture.config(url));
    }

    /** One callback, answered at once: the receiver's connection now shows it stays open. */
    private List<OutboundMessage> opening(PipeliningReceiver receiver, String url) {
        List<OutboundMessage> messages = new ArrayList<>(fixture.finalReports(url, "DELIVRD", 1));
        Await.until("the opening callback", TIMEOUT, () -> receiver.acknowledged().size() == 1, fixture::state);
        // the receiver counts it before its answer leaves: until the gateway has read the answer, the connection is
        // not known to stay open, and the next callbacks would go on connections of their own
        Await.until("the opening callback's answer", TIMEOUT,
            () -> fixture.metrics.attempts(CallbackOutcome.DELIVERED) == 1, fixture::state);
        return messages;
    }

    /**
     * The opening callback, then a group that the receiver's first connection leaves unanswered after its first
     * request: each of the others is sent again once, on a new connection, and arrives. The callbacks so far.
     */
    private List<OutboundMessage> firstGroupCutShort(PipeliningReceiver receiver) {
        String url = receiver.url("/cb");
        start(url, JSMS_SCHEDULE);
        List<OutboundMessage> messages = opening(receiver, url);
        messages.addAll(fixture.finalReports(url, "DELIVRD", DEPTH));

        Await.until("every callback", TIMEOUT, () -> receiver.acknowledged().size() == DEPTH + 1, fixture::state);
        assertThat(receiver.unanswered()).isEqualTo(DEPTH - 1);
        assertThat(fixture.metrics.staleRetries).as("each unanswered one sent again once").hasValue(DEPTH - 1);
        assertThat(receiver.connections()).as("each on a new connection").isEqualTo(1 + DEPTH - 1);
        return messages;
    }

    /**
     * A second group of callbacks after the first group's: each arrives once, and neither group had a failed
     * attempt. {@code messages}: the callbacks so far, each acknowledged.
     */
    private void secondGroupArrives(PipeliningReceiver receiver, List<OutboundMessage> messages) {
        messages.addAll(fixture.finalReports(receiver.url("/cb"), "DELIVRD", DEPTH));
        Await.until("the second group", TIMEOUT, () -> receiver.acknowledged().size() == messages.size(),
            fixture::state);
        Await.until("the outbox to empty", TIMEOUT, () -> fixture.outboxRows() == 0, fixture::state);

        assertThat(receiver.acknowledged()).as("each once").containsExactlyInAnyOrderElementsOf(ids(messages));
        assertThat(fixture.metrics.attempts(CallbackOutcome.IO_ERROR)).as("no failed attempt").isZero();
    }

    private static List<String> ids(List<OutboundMessage> messages) {
        return messages.stream().map(m -> Long.toString(m.msgId())).toList();
    }

    private List<String> pausedWarnings() {
        return log.list.stream().filter(e -> e.getLevel() == Level.WARN)
            .map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains("pipelining paused")).toList();
    }

    @Test
    void pipelinedRequestsEachGetTheirOwnAnswerInOrder() throws Exception {
        try (PipeliningReceiver receiver = new PipeliningReceiver(DEPTH, PipeliningReceiver.FirstGroup.SECOND_REFUSED,
                1)) {
            eachGetsItsOwnAnswer(receiver, "");
        }
    }

    @Test
    void pipelinedRequestsOverHttpsToATrustedCertificateEachGetTheirOwnAnswer(@TempDir Path dir) throws Exception {
        SelfSignedTls tls = SelfSignedTls.generate("localhost", "127.0.0.1", Clock.systemUTC());
        Path trusted = Files.writeString(dir.resolve("apps-ca.pem"), tls.certificatePem());
        try (PipeliningReceiver receiver = new PipeliningReceiver(tls.context(), DEPTH,
                PipeliningReceiver.FirstGroup.SECOND_REFUSED, 1)) {
            assertThat(receiver.url("/cb")).startsWith("https://127.0.0.1:");
            eachGetsItsOwnAnswer(receiver, trusted.toString());
        }
    }

    @Test
    void anHttpsReceiverWhoseCertificateIsNotTrustedGetsNothing() throws Exception {
        SelfSignedTls tls = SelfSignedTls.generate("localhost", "127.0.0.1", Clock.systemUTC());
        try (PipeliningReceiver receiver = new PipeliningReceiver(tls.context(), DEPTH,
                PipeliningReceiver.FirstGroup.SECOND_REFUSED, 1)) {
            // the JVM's CA certificates: not the receiver's
            start(receiver.url("/cb"), JSMS_SCHEDULE);
            fixture.finalReports(receiver.url("/cb"), "DELIVRD", 1);

            Await.until("the failed attempt", TIMEOUT,
                () -> fixture.metrics.attempts(CallbackOutcome.IO_ERROR) >= 1, fixture::state);
            assertThat(receiver.acknowledged()).isEmpty();
            assertThat(fixture.metrics.attempts(CallbackOutcome.DELIVERED)).isZero();
        }
    }

    /**
     * The opening callback, then a group whose second request the receiver answers 500: every callback arrives once,
     * the refused one on its retry, all on one connection.
     */
    private void eachGetsItsOwnAnswer(PipeliningReceiver receiver, String trustedCertificates) {
        String url = receiver.url("/cb");
        start(url, List.of(Duration.ofMillis(200)), trustedCertificates);
        List<OutboundMessage> messages = opening(receiver, url);
        messages.addAll(fixture.finalReports(url, "DELIVRD", DEPTH));

        Await.until("the refused callback's retry", TIMEOUT,
            () -> receiver.acknowledged().size() == DEPTH + 1, fixture::state);
        Await.until("the outbox to empty", TIMEOUT, () -> fixture.outboxRows() == 0, fixture::state);

        assertThat(receiver.refused()).hasSize(1);
        // had the 500 been taken for another request's answer, that one would have come again and this one not
        assertThat(receiver.acknowledged()).as("each once, the refused one on its retry")
            .containsExactlyInAnyOrderElementsOf(ids(messages)).endsWith(receiver.refused().get(0));
        assertThat(receiver.connections()).as("all on the one connection").isEqualTo(1);
        assertThat(fixture.metrics.attempts(CallbackOutcome.REJECTED)).isEqualTo(1);
        assertThat(fixture.metrics.attempts(CallbackOutcome.DELIVERED)).isEqualTo(DEPTH + 1);
        assertThat(fixture.metrics.staleRetries).hasValue(0);
        assertThat(pausedWarnings()).isEmpty();
    }

    @Test
    void requestsLeftUnansweredByASilentCloseAreSentAgainAndPipeliningPauses() throws Exception {
        try (PipeliningReceiver receiver = new PipeliningReceiver(DEPTH,
                PipeliningReceiver.FirstGroup.CLOSED_AFTER_FIRST, 1)) {
            List<OutboundMessage> messages = firstGroupCutShort(receiver);
            assertThat(pausedWarnings()).hasSize(1);

            // paused: the receiver now answers every request at once, so these arrive however they are sent
            secondGroupArrives(receiver, messages);
            assertThat(receiver.pipelinedOutsideGroups()).as("one request at a time on each connection").isFalse();
            assertThat(pausedWarnings()).as("one line per pause").hasSize(1);
        }
    }

    @Test
    void pipeliningResumesWhenItsPauseIsOver() throws Exception {
        try (PipeliningReceiver receiver = new PipeliningReceiver(DEPTH,
                PipeliningReceiver.FirstGroup.CLOSED_AFTER_FIRST, 1)) {
            List<OutboundMessage> messages = firstGroupCutShort(receiver);
            secondGroupArrives(receiver, messages);
            assertThat(receiver.laterGroupsOfMany()).as("paused: one request at a time").isZero();

            // nothing in flight: the gateway's clock moves past the pause, and the receiver again answers a group
            // only once all of it has come on one connection
            fixture.nanoOffset.addAndGet(TimeUnit.MINUTES.toNanos(EndpointPool.PAUSE_MINUTES));
            receiver.laterGroups(DEPTH);
            secondGroupArrives(receiver, messages);

            assertThat(receiver.laterGroupsOfMany()).as("pipelined again").isEqualTo(1);
            assertThat(log.list.stream().filter(e -> e.getLevel() == Level.INFO)
                .map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains("pipelining resumed")))
                .hasSize(1);
        }
    }

    @Test
    void requestsBehindAnAnnouncedCloseAreSentAgainAndPipeliningGoesOn() throws Exception {
        try (PipeliningReceiver receiver = new PipeliningReceiver(DEPTH,
                PipeliningReceiver.FirstGroup.CLOSE_ANNOUNCED_AFTER_FIRST, DEPTH)) {
            List<OutboundMessage> messages = firstGroupCutShort(receiver);

            // the receiver answers these only if all of them wait on one connection
            secondGroupArrives(receiver, messages);
            assertThat(receiver.connections()).as("no connection after the resends'").isEqualTo(1 + DEPTH - 1);
            assertThat(pausedWarnings()).isEmpty();
        }
    }
}
