package org.cmppgw.simulator.ismg;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.cmppgw.cmpp.auth.CmppTimestamp;
import org.cmppgw.cmpp.pdu.CmppConnectResp;
import org.cmppgw.cmpp.session.CmppSessionListener;
import org.cmppgw.cmpp.session.client.CmppClient;
import org.cmppgw.cmpp.session.client.CmppClientConfig;
import org.cmppgw.cmpp.session.client.CmppLoginException;
import org.cmppgw.testing.Await;
import org.cmppgw.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14, item 3: an SP that writes its CONNECT Timestamp in UTC (the default in containers) against the ISMG's
 * {@code ismg.login} section (docs/cmpp-protocol.md §5.2), over real sockets. Both sides share one
 * {@link MutableClock}, so the only difference between them is the zone.
 */
class SpClockInUtcIssue14Test {
    /** The server's login handler logs through System.Logger, which the simulator routes to logback. */
    private static final String LOGIN_LOGGER = "org.cmppgw.cmpp.session.server.ServerConnectHandler";

    @RegisterExtension
    final IsmgFixture fixture = new IsmgFixture();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T12:00:00Z"));
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    /** Tests log warnings only (logback-test.xml); the refusal is an INFO line, so this logger is opened up here. */
    @BeforeEach
    void captureTheLoginLog() {
        log.start();
        Logger logger = (Logger) LoggerFactory.getLogger(LOGIN_LOGGER);
        logger.setLevel(Level.INFO);
        logger.setAdditive(false);
        logger.addAppender(log);
    }

    @AfterEach
    void releaseTheLog() {
        Logger logger = (Logger) LoggerFactory.getLogger(LOGIN_LOGGER);
        logger.detachAppender(log);
        logger.setAdditive(true);
        logger.setLevel(null);
    }

    @Test
    void theDefaultRefusesWithStatus3AndLogsWhatItCompared() throws Exception {
        start(LoginConfig.defaults());

        assertThat(status(sp(ZoneOffset.UTC, clock))).isEqualTo(CmppConnectResp.STATUS_AUTH_FAILED);

        String utc = CmppTimestamp.digits(CmppTimestamp.now(clock, ZoneOffset.UTC));
        String beijing = CmppTimestamp.digits(CmppTimestamp.now(clock, CmppTimestamp.BEIJING));
        Await.until("the refusal logged", () -> !lines(Level.INFO, "refused").isEmpty());
        assertThat(lines(Level.INFO, "refused")).singleElement().asString()
            .contains("Status 3", "account 901234", "Timestamp " + utc, "read in Asia/Shanghai",
                "28800 s behind", "the ISMG's clock reads " + beijing, "within 900 s", "timestampCheck=enforce");
        assertThat(fixture.server().connections(SpClient.ACCOUNT)).isZero();
    }

    @Test
    void warnAcceptsAndLogsOneLinePerMinuteHowOftenTheSpReconnects() throws Exception {
        start(new LoginConfig(null, null, "warn"));

        for (int i = 0; i < 3; i++) {
            assertThat(status(sp(ZoneOffset.UTC, clock))).isEqualTo(CmppConnectResp.STATUS_OK);
        }
        Await.until("three logins logged", () -> lines(Level.INFO, "logged in").size() == 3);
        assertThat(lines(Level.WARN, "accepted although")).singleElement().asString()
            .contains("account 901234", "read in Asia/Shanghai", "28800 s behind", "timestampCheck=warn");

        clock.advance(Duration.ofMinutes(1));
        assertThat(status(sp(ZoneOffset.UTC, clock))).isEqualTo(CmppConnectResp.STATUS_OK);
        Await.until("the next warning", () -> lines(Level.WARN, "accepted although").size() == 2);
        assertThat(lines(Level.WARN, "accepted although").get(1)).contains("2 such warnings held back");
    }

    @Test
    void offAcceptsWithoutAWord() throws Exception {
        start(new LoginConfig(null, null, "off"));

        assertThat(status(sp(ZoneOffset.UTC, clock))).isEqualTo(CmppConnectResp.STATUS_OK);
        Await.until("the login logged", () -> !lines(Level.INFO, "logged in").isEmpty());
        assertThat(lines(Level.WARN, "")).isEmpty();
    }

    @Test
    void aServerReadingUtcTakesTheUtcSpWithinASecondAndRefusesABeijingOne() throws Exception {
        start(new LoginConfig("UTC", 1000L, null));

        assertThat(status(sp(ZoneOffset.UTC, clock))).isEqualTo(CmppConnectResp.STATUS_OK);
        assertThat(status(sp(CmppTimestamp.BEIJING, clock))).isEqualTo(CmppConnectResp.STATUS_AUTH_FAILED);
    }

    @Test
    void aToleranceOfOneHourTakesAThirtyMinuteSkewThatTheDefaultRefuses() throws Exception {
        Clock halfAnHourFast = Clock.offset(clock, Duration.ofMinutes(30));
        IsmgServer hourly = start(new LoginConfig(null, 3_600_000L, null));
        IsmgServer quarterly = start(LoginConfig.defaults());

        assertThat(status(sp(hourly.port(), CmppTimestamp.BEIJING, halfAnHourFast)))
            .isEqualTo(CmppConnectResp.STATUS_OK);
        assertThat(status(sp(quarterly.port(), CmppTimestamp.BEIJING, halfAnHourFast)))
            .isEqualTo(CmppConnectResp.STATUS_AUTH_FAILED);
        Await.until("the refusal logged", () -> !lines(Level.INFO, "refused").isEmpty());
        assertThat(lines(Level.INFO, "refused")).singleElement().asString().contains("1800 s ahead of");
    }

    private IsmgServer start(LoginConfig login) {
        return fixture.start(IsmgServer.builder(IsmgFixture.config(0).withLogin(login)).clock(clock));
    }

    private CmppClientConfig sp(ZoneId zone, Clock spClock) {
        return sp(fixture.server().port(), zone, spClock);
    }

    private static CmppClientConfig sp(int port, ZoneId zone, Clock spClock) {
        return SpClient.config(port).zone(zone).clock(spClock).build();
    }

    /** The CONNECT_RESP Status a login with {@code config} gets (0 for a session, which is then closed). */
    private long status(CmppClientConfig config) throws Exception {
        CmppSessionListener ignore = (session, request) -> { };
        try {
            CmppClient.connect(fixture.clientLoops(), config, ignore).get(SpClient.WAIT_SECONDS, TimeUnit.SECONDS)
                .channel().close().await(SpClient.WAIT_SECONDS, TimeUnit.SECONDS);
            return CmppConnectResp.STATUS_OK;
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(CmppLoginException.class);
            return ((CmppLoginException) e.getCause()).status();
        }
    }

    private List<String> lines(Level level, String containing) {
        synchronized (log) { // AppenderBase.doAppend appends under the appender's own lock
            return log.list.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains(containing)).toList();
        }
    }
}
