package org.cmppgw.gateway.app;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.cmppgw.gateway.persistence.LocalMariaDb;
import org.cmppgw.simulator.ismg.IsmgConfig;
import org.cmppgw.simulator.ismg.IsmgServer;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9 "Database down or frozen", against a real {@code mariadbd} that is frozen with SIGSTOP (connections open,
 * no answers: a stalled disk, a paused VM). A send whose messages still wait for the writer is answered 503 at
 * {@code server.acceptTimeout} and none of them is ever stored; {@code /health/ready} flips within the same time; a
 * send whose commit was already under way is answered 503 "outcome unknown" at the same deadline, and its commit
 * decides once the database is back (docs/api.md "When the database is slow or down"; the retry with an
 * {@code Idempotency-Key} is proven with a row lock in {@link IdempotentAcceptIT}: the key's lookup needs the database,
 * so a key cannot reach a frozen one).
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
final class GatewayDatabaseFreezeIT {
    private static final Duration DEADLINE = Duration.ofSeconds(1);
    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final long FIRST = 13_600_000_001L;
    private static final long IN_FLIGHT = 13_600_000_002L;
    private static final long QUEUED = 13_600_000_003L;
    /** Scheduling slack of a loaded build machine on top of the deadline. */
    private static final long SLACK_MILLIS = 2_000;

    @Test
    void sendsQueuedBehindAFrozenDatabaseAre503AtTheDeadlineAndNeverStored() throws Exception {
        try (LocalMariaDb db = LocalMariaDb.start();
             IsmgServer ismg = IsmgServer.start(IsmgConfig.defaults().withPort(0), Clock.systemUTC(),
                 new SimpleMeterRegistry());
             CallbackSink sink = CallbackSink.start()) {
            String url = db.createDatabase("freeze");
            try (Gateway gateway = Gateway.start(E2e.config(E2e.overrides(ismg.port(), url, db.username(),
                db.password(), sink.uri()), "server.acceptTimeout=" + DEADLINE.toMillis() + "ms"), Clock.systemUTC())) {
                Await.until("ready", SETTLE, () -> ready(gateway) == 200);
                assertThat(E2e.sendOne(api(gateway), FIRST, SETTLE).statusCode()).isEqualTo(200);
                Await.until("the first message delivered", SETTLE, () -> sink.reports().size() == 1
                    && gateway.dispatcher().capacity().inUse() == 0);

                db.freeze();
                // thawed in any case: a gateway cannot close against a frozen database
                try {
                    long inFlightSent = System.nanoTime();
                    CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() ->
                        E2e.sendOne(api(gateway), IN_FLIGHT, Duration.ofMinutes(3)));
                    // Admitted (it holds dispatch room) and taken by the writer into a transaction the frozen server
                    // never answers: it can no longer be withdrawn.
                    Await.until("the in-flight send taken by the writer", SETTLE,
                        () -> gateway.dispatcher().capacity().inUse() == 1 && gateway.store().queuedAccepts() == 0);
                    long sent = System.nanoTime();
                    HttpResponse<String> queued = E2e.sendOne(api(gateway), QUEUED, SETTLE);
                    long answeredMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);

                    assertThat(queued.statusCode()).isEqualTo(503);
                    assertThat(queued.body()).contains("50019").contains("none was stored");
                    System.out.printf("frozen database: a queued send answered 503 after %d ms (deadline %d ms)%n",
                        answeredMillis, DEADLINE.toMillis());
                    Await.until("/health/ready down", SETTLE, () -> ready(gateway) == 503);
                    HttpResponse<String> inFlightAnswer = Await.result("the in-flight send's answer", inFlight);
                    long inFlightMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - inFlightSent);
                    assertThat(inFlightAnswer.statusCode()).as(inFlightAnswer.body()).isEqualTo(503);
                    assertThat(inFlightAnswer.body()).contains("50019").contains("may have been stored");
                    assertThat(inFlightMillis).as("the in-flight send answered at the deadline, the database frozen")
                        .isLessThan(DEADLINE.toMillis() + SLACK_MILLIS);
                } finally {
                    db.thaw();
                }
                Await.until("/health/ready up again", SETTLE, () -> ready(gateway) == 200);
                Await.until("the in-flight commit decided", SETTLE,
                    () -> gateway.dispatcher().capacity().inUse() == 0);

                String scrape = gateway.metrics().scrape();
                assertThat(E2e.metric(scrape, "cmppgw_api_accepts_withdrawn_total")).isEqualTo(1);
                assertThat(E2e.metric(scrape, "cmppgw_api_accepts_outcome_unknown_total")).isEqualTo(1);
                assertThat(storedTo(url, db, QUEUED)).as("the withdrawn message").isZero();
                assertThat(storedTo(url, db, IN_FLIGHT)).as("the in-flight one, as its commit decided, never twice")
                    .isBetween(0L, 1L);
                assertThat(E2e.sendOne(api(gateway), QUEUED, SETTLE).statusCode()).as("a retry").isEqualTo(200);
                assertThat(storedTo(url, db, QUEUED)).isEqualTo(1);
            }
        }
    }

    private static URI api(Gateway gateway) {
        return URI.create("http://127.0.0.1:" + gateway.apiAddress().getPort());
    }

    private static int ready(Gateway gateway) {
        return E2e.management("127.0.0.1", gateway.managementAddress().getPort(), "/health/ready").statusCode();
    }

    private static long storedTo(String url, LocalMariaDb db, long mobile) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, db.username(), db.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM message WHERE mobile = '" + mobile + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
