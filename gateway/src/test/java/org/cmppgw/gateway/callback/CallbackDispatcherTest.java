package org.cmppgw.gateway.callback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.cmppgw.gateway.config.CallbackConfig;
import org.cmppgw.gateway.config.GatewayConfig;
import org.cmppgw.gateway.metrics.CallbackOutcome;
import org.cmppgw.gateway.model.MoMessage;
import org.cmppgw.gateway.model.OutboundMessage;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cmppgw.gateway.callback.OutboxFixture.APP;
import static org.cmppgw.gateway.callback.OutboxFixture.MOBILE;
import static org.cmppgw.gateway.callback.OutboxFixture.SECRET;
import static org.cmppgw.gateway.callback.OutboxFixture.TIMEOUT;

/** What an app receives, and how answers other than 200 are retried and given up; a real H2 outbox throughout. */
final class CallbackDispatcherTest extends OutboxTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration NEVER_OPENS = Duration.ofSeconds(30);

    TestReceiver receiver;

    @Test
    void aFinalReportIsPostedAsASignedSmsReportForm() throws Exception {
        receiver = receiver(0, TestReceiver.OK);
        String url = receiver.url("/jsms/callback");
        GatewayConfig config = OutboxFixture.config(url);
        CallbackDispatcher dispatcher = new CallbackDispatcher(config, fixture.store, fixture.metrics, fixture.clock);
        try {
            long before = fixture.clock.millis();
            dispatcher.start();
            OutboundMessage m = fixture.finalReport(url, "DELIVRD");
            Await.until("the callback", TIMEOUT, () -> receiver.acknowledged() == 1);
            Await.until("the outbox row to be done", TIMEOUT, () -> fixture.outboxRows() == 0);
            long after = fixture.clock.millis();

            TestReceiver.Received r = receiver.received().get(0);
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.contentType()).isEqualTo("application/x-www-form-urlencoded");
            assertThat(r.form()).containsOnlyKeys("nonce", "timestamp", "signature", "type", "data");
            assertThat(r.form()).containsEntry("type", "SMS_REPORT");
            long nonce = Long.parseLong(r.form().get("nonce"));
            long timestamp = Long.parseLong(r.form().get("timestamp"));
            assertThat(timestamp).isBetween(before, after);
            assertThat(r.form().get("signature")).isEqualTo(sha1Hex("appKey=" + APP + "&appMasterSecret=" + SECRET
                + "&nonce=" + nonce + "&timestamp=" + timestamp));

            JsonNode data = JSON.readTree(r.form().get("data"));
            assertThat(data.fieldNames()).toIterable().containsExactly("msgId", "status", "receiveTime", "phone",
                "stat");
            assertThat(data.get("msgId").isTextual()).as("msgId is a string").isTrue();
            assertThat(data.get("msgId").asText()).isEqualTo(Long.toString(m.msgId()));
            assertThat(data.get("status").asInt()).isEqualTo(4001);
            assertThat(data.get("receiveTime").asLong()).isBetween(before / 1000, after / 1000);
            assertThat(data.get("phone").asText()).isEqualTo(MOBILE);
            assertThat(data.get("stat").asText()).isEqualTo("DELIVRD");
            assertThat(fixture.metrics.attempts(CallbackOutcome.DELIVERED)).isEqualTo(1);
        } finally {
            dispatcher.close();
        }
    }

    @Test
    void anMoIsPostedAsAnSmsReplyAndAFailureCarriesItsJsmsStatus() throws Exception {
        receiver = receiver(0, TestReceiver.OK);
        String url = receiver.url("/cb");
        fixture.start(OutboxFixture.settings(schedule(Duration.ofMinutes(3)), Duration.ofSeconds(5),
            Duration.ofSeconds(1)), OutboxFixture.config(url));
        MoMessage mo = fixture.mo(url, "退订 TD&x=1");
        OutboundMessage failed = fixture.finalReport(url, "MK:0001");

        Await.until("both callbacks", TIMEOUT, () -> receiver.acknowledged() == 2);
        Map<String, String> reply = receiver.received().stream().filter(r -> "SMS_REPLY".equals(r.form().get("type")))
            .findFirst().orElseThrow().form();
        assertThat(reply.get("data")).isEqualTo("{\"phone\":\"" + MOBILE + "\",\"replyTime\":"
            + mo.receivedAt().getEpochSecond() + ",\"content\":\"退订 TD&x=1\"}");
        Map<String, String> report = receiver.received().stream()
            .filter(r -> "SMS_REPORT".equals(r.form().get("type"))).findFirst().orElseThrow().form();
        JsonNode data = JSON.readTree(report.get("data"));
        assertThat(data.get("msgId").asText()).isEqualTo(Long.toString(failed.msgId()));
        assertThat(data.get("status").asInt()).as("MK:0001 is an empty number").isEqualTo(4004);
        assertThat(data.get("stat").asText()).isEqualTo("MK:0001");
    }

    @Test
    void answersOtherThan200AreRetriedOnTheScheduleUntilOneIsAcknowledged() throws Exception {
        receiver = receiver(0, (form, n) -> n <= 2 ? 500 : 200);
        String url = receiver.url("/cb");
        fixture.start(OutboxFixture.settings(schedule(Duration.ofMillis(100), Duration.ofMillis(200),
            Duration.ofMillis(300)), Duration.ofSeconds(5), Duration.ofSeconds(1)), OutboxFixture.config(url));
        OutboundMessage m = fixture.finalReport(url, "DELIVRD");

        Await.until("the acknowledgement", TIMEOUT, () -> receiver.acknowledged() == 1);
        Await.until("the outbox row to be done", TIMEOUT, () -> fixture.outboxRows() == 0);
        // Nothing in the outbox and nothing held: no request can follow.
        Await.until("the dispatcher to hold nothing", TIMEOUT, () -> fixture.metrics.queue.getAsLong() == 0);
        assertThat(receiver.received()).extracting(TestReceiver.Received::answered).containsExactly(500, 500, 200);
        assertThat(receiver.acknowledgedByMsgId()).containsExactly(Map.entry(Long.toString(m.msgId()), 1));
        assertThat(fixture.metrics.attempts(CallbackOutcome.REJECTED)).isEqualTo(2);
        assertThat(fixture.metrics.attempts(CallbackOutcome.DELIVERED)).isEqualTo(1);
        assertThat(fixture.metrics.gaveUp).hasValue(0);
    }

    @Test
    void aCallbackIsAbandonedAndCountedWhenTheScheduleIsExhausted() throws Exception {
        receiver = receiver(0, (form, n) -> 503);
        String url = receiver.url("/cb");
        fixture.start(OutboxFixture.settings(schedule(Duration.ofMillis(50), Duration.ofMillis(50)),
            Duration.ofSeconds(5), Duration.ofSeconds(1)), OutboxFixture.config(url));
        fixture.finalReport(url, "DELIVRD");

        Await.until("the callback to be given up", TIMEOUT, () -> fixture.metrics.gaveUp.get() == 1);
        String abandoned = "SELECT COUNT(*) FROM callback_outbox WHERE due_at IS NULL";
        // Abandoned rows are never due again and nothing is held: no request can follow.
        Await.until("the abandonment to commit", TIMEOUT, () -> fixture.count(abandoned) == 1);
        Await.until("the dispatcher to hold nothing", TIMEOUT, () -> fixture.metrics.queue.getAsLong() == 0);
        assertThat(receiver.requests()).as("one attempt and two retries").isEqualTo(3);
        assertThat(fixture.count(abandoned)).as("abandoned rows are kept, never claimed again").isEqualTo(1);
        assertThat(fixture.metrics.attempts(CallbackOutcome.REJECTED)).isEqualTo(3);
    }

    @Test
    void wakeClaimsAtOnceInsteadOfAtTheNextPoll() throws Exception {
        String url = okReceiverUrl();
        CallbackDispatcher dispatcher = fixture.start(settings(10_000, Duration.ofMinutes(10)),
            OutboxFixture.config(url));
        // The first poll's claim is the store's first transaction: once committed, it cannot see the rows below.
        Await.until("the first (empty) poll", TIMEOUT, () -> fixture.store.writerStats().transactions() >= 1);
        // Rows this dispatcher is not handed (as if another node had written them) wait for a claim.
        fixture.store.handNewCallbacksTo(null);
        fixture.finalReports(url, "DELIVRD", 3);

        dispatcher.wake();
        Await.until("the callbacks after wake()", TIMEOUT, () -> receiver.acknowledged() == 3);
    }

    @Test
    void newCallbacksAreSentAsTheyCommitWithoutAClaim() throws Exception {
        String url = okReceiverUrl();
        fixture.start(settings(10_000, Duration.ofMinutes(10)), OutboxFixture.config(url));
        Await.until("the first (empty) poll", TIMEOUT, () -> fixture.metrics.queue.getAsLong() == 0);

        fixture.finalReports(url, "DELIVRD", 3);

        // The next poll is 10 minutes away and nobody calls wake().
        Await.until("the callbacks", TIMEOUT, () -> receiver.acknowledged() == 3);
        Await.until("the outbox to empty", TIMEOUT, () -> fixture.outboxRows() == 0);
    }

    @Test
    void handedCallbacksBeyondMaxHeldGoBackToTheStoreAndAreSentLater() throws Exception {
        String url = okReceiverUrl();
        fixture.start(settings(2, Duration.ofMillis(50)), OutboxFixture.config(url));

        List<OutboundMessage> messages = fixture.finalReports(url, "DELIVRD", 10);

        Await.until("10 callbacks", TIMEOUT, () -> receiver.acknowledgedByMsgId().size() == 10);
        Await.until("the outbox to empty", TIMEOUT, () -> fixture.outboxRows() == 0);
        assertThat(receiver.requests()).as("each sent once").isEqualTo(10);
        assertThat(fixture.metrics.attempts(CallbackOutcome.DELIVERED)).isEqualTo(10);
        assertThat(receiver.acknowledgedByMsgId()).hasSize(messages.size());
    }

    /** A receiver that acknowledges everything; returns its URL. */
    private String okReceiverUrl() throws Exception {
        receiver = receiver(0, TestReceiver.OK);
        return receiver.url("/cb");
    }

    private static CallbackSettings settings(int maxHeld, Duration idlePoll) {
        return new CallbackSettings(schedule(Duration.ofMinutes(3)), maxHeld, 64, 500, idlePoll, Duration.ofSeconds(5),
            Duration.ofSeconds(1));
    }

    private static CallbackConfig schedule(Duration... delays) {
        return OutboxFixture.callbacks(List.of(delays), Duration.ofSeconds(5), 8, 100, NEVER_OPENS);
    }

    static String sha1Hex(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
            .digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
