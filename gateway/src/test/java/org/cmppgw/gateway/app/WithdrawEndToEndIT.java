package org.cmppgw.gateway.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.cmppgw.simulator.ismg.IsmgConfig;
import org.cmppgw.simulator.ismg.IsmgServer;
import org.cmppgw.simulator.smtp.SmtpConfig;
import org.cmppgw.simulator.smtp.SmtpSink;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Withdraw end to end (issue 11, docs/api.md "Withdraw") on a real gateway (H2): a batch larger than the node's
 * memory at a low TPS is withdrawn while it drains, both what waits in the store and what the node holds but has not
 * started; each message answered withdrawn is called back FAILED
 * {@code GW:WITHDRAWN} and never reaches the simulator, every other one is sent; a second withdraw answers
 * {@code already_sent} / {@code already_withdrawn}; an email copy queued while the SMTP sink is down is withdrawn and
 * never reaches the sink once it is back.
 */
class WithdrawEndToEndIT {
    private static final int MESSAGES = 40;
    /** Messages of normal priority a node holds in memory with limits.dispatchQueueCapacity=10. */
    private static final int BULK_MEMORY = 9;

    @TempDir
    Path dir;
    private IsmgServer ismg;
    private CallbackSink callbacks;
    private SmtpSink smtp;
    private Gateway gateway;
    private URI api;

    private void start(List<String> more) {
        ismg = IsmgServer.start(IsmgConfig.defaults().withPort(0), Clock.systemUTC(), new SimpleMeterRegistry());
        callbacks = CallbackSink.start();
        List<String> overrides = new ArrayList<>(E2e.overrides(ismg.port(), E2e.h2Url(dir), "sa", "",
            callbacks.uri()));
        overrides.addAll(more);
        gateway = Gateway.start(E2e.config(overrides), Clock.systemUTC());
        api = URI.create("http://127.0.0.1:" + gateway.apiAddress().getPort());
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (smtp != null) {
            smtp.close();
        }
        callbacks.close();
        ismg.close();
    }

    private JsonNode withdrawBatch(List<String> ids) {
        StringBuilder body = new StringBuilder("{\"msg_ids\":[");
        for (int i = 0; i < ids.size(); i++) {
            body.append(i == 0 ? "\"" : ",\"").append(ids.get(i)).append('"');
        }
        HttpResponse<String> response = E2e.json(api.resolve("/v1/messages/withdraw"), "POST", E2e.APP_KEY,
            E2e.MASTER_SECRET, body.append("]}").toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return E2e.read(response.body()).path("results");
    }

    private HttpResponse<String> delete(String path) {
        return E2e.json(api.resolve(path), "DELETE", E2e.APP_KEY, E2e.MASTER_SECRET, null);
    }

    @Test
    void queuedMessagesOfABatchAreWithdrawnAndNeverReachTheCarrier() {
        start(List.of("providers[0].tps=2", "limits.dispatchQueueCapacity=10"));
        List<String> ids = E2e.sendBatch(api, 13_100_000_000L, MESSAGES);
        Await.until("the node's memory filled", E2e.TIMEOUT,
            () -> gateway.dispatcher().capacity().inUse() >= BULK_MEMORY);

        JsonNode results = withdrawBatch(ids);

        List<String> withdrawn = new ArrayList<>();
        List<String> left = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            JsonNode result = results.get(i);
            assertThat(result.path("msg_id").asText()).isEqualTo(ids.get(i));
            String outcome = result.path("result").asText();
            assertThat(outcome).isIn("withdrawn", "sending", "already_sent");
            (outcome.equals("withdrawn") ? withdrawn : left).add(ids.get(i));
        }
        assertThat(withdrawn).as("what waited in the store, and some of what this node held but had not started")
            .hasSizeGreaterThan(MESSAGES - BULK_MEMORY);
        Await.until("every message called back", E2e.TIMEOUT, () -> callbacks.reports().size() == MESSAGES,
            () -> callbacks.reports().size() + " of " + MESSAGES);
        for (String id : withdrawn) {
            JsonNode report = callbacks.reports().get(id).first();
            assertThat(report.path("stat").asText()).as(id).isEqualTo("GW:WITHDRAWN");
            assertThat(report.path("status").asInt()).isEqualTo(4100);
        }
        for (String id : left) {
            assertThat(callbacks.reports().get(id).first().path("stat").asText()).as(id).isEqualTo("DELIVRD");
        }
        assertThat(callbacks.duplicates()).isEmpty();
        assertThat(ismg.traffic("901234").snapshot().submits()).as("the carrier got only what was not withdrawn")
            .isEqualTo(left.size());

        JsonNode again = withdrawBatch(List.of(withdrawn.get(0), left.get(0), "42"));
        assertThat(again.get(0).path("result").asText()).isEqualTo("already_withdrawn");
        assertThat(again.get(1).path("result").asText()).isEqualTo("already_sent");
        assertThat(again.get(2).path("error").path("code").asInt()).isEqualTo(50026);
        HttpResponse<String> one = delete("/v1/messages/" + withdrawn.get(1));
        assertThat(one.statusCode()).as(one.body()).isEqualTo(200);
        assertThat(E2e.read(one.body()).path("result").asText()).isEqualTo("already_withdrawn");
        HttpResponse<String> unknown = delete("/v1/messages/42");
        assertThat(unknown.statusCode()).isEqualTo(403);
        assertThat(E2e.read(unknown.body()).path("error").path("code").asInt()).isEqualTo(50026);
    }

    @Test
    void aQueuedEmailIsWithdrawnAndNeverReachesTheServer() {
        smtp = new SmtpSink(sinkConfig(0)).start();
        int port = smtp.port();
        smtp.close();
        List<String> provider = new ArrayList<>(E2e.emailProvider(port));
        provider.addAll(List.of("emailProviders[0].retryDelay=1s", "emailProviders[0].maxAttempts=50",
            "emailProviders[0].circuitBreaker.openDuration=500ms"));
        start(provider);
        HttpResponse<String> sent = E2e.json(api.resolve("/v1/emails"), "POST", E2e.APP_KEY, E2e.MASTER_SECRET,
            "{\"to\":[\"a@example.com\",\"b@example.com\"],\"subject\":\"s\",\"text\":\"t\"}");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        String withdrawnId = E2e.read(sent.body()).path("recipients").get(0).path("email_id").asText();
        String keptId = E2e.read(sent.body()).path("recipients").get(1).path("email_id").asText();

        // between its tries the copy waits unclaimed; while a try runs it is answered "sending"
        String[] outcome = new String[1];
        Await.until("the copy withdrawn", E2e.TIMEOUT, () -> {
            HttpResponse<String> response = delete("/v1/emails/" + withdrawnId);
            outcome[0] = response.body();
            return response.statusCode() == 200
                && !E2e.read(response.body()).path("result").asText().equals("sending");
        }, () -> outcome[0]);
        assertThat(E2e.read(outcome[0]).path("result").asText()).isEqualTo("withdrawn");
        assertThat(E2e.read(delete("/v1/emails/" + withdrawnId).body()).path("result").asText())
            .isEqualTo("already_withdrawn");

        smtp = new SmtpSink(sinkConfig(port)).start();
        Await.until("both EMAIL_REPORTs", E2e.TIMEOUT, () -> callbacks.emailReports().keySet()
            .containsAll(List.of(withdrawnId, keptId)));
        JsonNode report = callbacks.emailReports().get(withdrawnId);
        assertThat(report.path("status").asText()).isEqualTo("failed");
        assertThat(report.path("smtpReply").asText()).isEqualTo("GW:WITHDRAWN");
        assertThat(callbacks.emailReports().get(keptId).path("status").asText()).isEqualTo("delivered");
        assertThat(smtp.stats().messages()).as("only the copy not withdrawn reached the server").isEqualTo(1);
        assertThat(E2e.read(delete("/v1/emails/" + keptId).body()).path("result").asText())
            .isEqualTo("already_sent");
        assertThat(delete("/v1/emails/42").statusCode()).isEqualTo(403);
    }

    private static SmtpConfig sinkConfig(int port) {
        return E2e.plainSmtpSink(port);
    }
}
