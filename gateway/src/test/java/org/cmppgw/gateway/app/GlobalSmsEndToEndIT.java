package org.cmppgw.gateway.app;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.cmppgw.gateway.model.MessageStatus;
import org.cmppgw.gateway.model.StoredMessage;
import org.cmppgw.simulator.ismg.IsmgConfig;
import org.cmppgw.simulator.ismg.IsmgServer;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Global SMS end to end (docs/api.md "Global SMS"): the shipped configuration with the demo app allowed to send
 * abroad and a rule routing {@code 00852} to the demo provider; an unsigned {@code {1}}/{@code {2}} template sent to
 * {@code +852…} reaches the simulated ISMG as {@code 00852…} and is delivered, while a country without a rule is 50006.
 */
final class GlobalSmsEndToEndIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void anInternationalNumberIsRoutedByItsCountryCodeAndDelivered() {
        List<String> overrides = E2e.overrides(0, E2e.h2Url(dir), "sa", "", URI.create("http://127.0.0.1:9/cb"));
        try (IsmgServer ismg = IsmgServer.start(IsmgConfig.defaults().withPort(0), Clock.systemUTC(),
                new SimpleMeterRegistry())) {
            overrides.set(overrides.indexOf("providers[0].port=0"), "providers[0].port=" + ismg.port());
            try (Gateway gateway = Gateway.start(E2e.config(overrides, "apps[0].globalSms=true",
                    "apps[0].defaultSignId=0", "templates[0].content=Your code is {1}, valid for {2} minutes",
                    "routing.rules[0].prefixes[0]=00852", "routing.rules[0].provider=demo-cmpp"),
                    Clock.systemUTC())) {
                URI api = URI.create("http://127.0.0.1:" + gateway.apiAddress().getPort());
                HttpResponse<String> sent = post(api,
                    "{\"mobile\":\"+85266661234\",\"temp_id\":1,\"temp_para\":{\"1\":\"4321\",\"2\":\"5\"}}");
                assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
                long msgId = Long.parseUnsignedLong(sent.body().replaceAll("[^0-9]", ""));

                Await.until("delivered", E2e.TIMEOUT, () -> Await.result("find", gateway.store().findMessage(msgId))
                    .map(StoredMessage::status).orElse(null) == MessageStatus.DELIVERED);
                StoredMessage stored = Await.result("find", gateway.store().findMessage(msgId)).orElseThrow();
                assertThat(stored.message().mobile()).isEqualTo("0085266661234");
                assertThat(stored.message().content()).isEqualTo("Your code is 4321, valid for 5 minutes");
                assertThat(ismg.traffic("901234").snapshot().accepted()).isEqualTo(1);

                HttpResponse<String> noRoute = post(api,
                    "{\"mobile\":\"+447700900123\",\"temp_id\":1,\"temp_para\":{\"1\":\"1\",\"2\":\"5\"}}");
                assertThat(noRoute.statusCode()).isEqualTo(403);
                assertThat(noRoute.body()).contains("50006").contains("no route");
            }
        }
    }

    private static HttpResponse<String> post(URI api, String body) {
        String auth = Base64.getEncoder().encodeToString((E2e.APP_KEY + ":" + E2e.MASTER_SECRET)
            .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(api.resolve("/v1/messages")).timeout(E2e.TIMEOUT)
            .header("Authorization", "Basic " + auth).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("request failed: " + request, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
