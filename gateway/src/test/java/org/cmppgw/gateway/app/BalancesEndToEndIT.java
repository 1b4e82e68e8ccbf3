package org.cmppgw.gateway.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.cmppgw.simulator.ismg.IsmgConfig;
import org.cmppgw.simulator.ismg.IsmgServer;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Balances and billing end to end (docs/api.md "Balances and billing", "Balance alerts"), through the shipped
 * config/gateway.yaml with billing on: nothing is sent before the operator allocates; each part is billed; the spend
 * that takes the app below its threshold sends one alert SMS through the gateway itself, as the platform's app; a
 * batch its balance cannot fully pay fails only the recipients it cannot pay (50014 in {@code failure_recipients});
 * the app reads its balances as JSMS answers them and the operator's operations are in the paged log.
 */
class BalancesEndToEndIT {
    /** The shipped configuration's second app: it sends the alerts, unbilled, and pulls its reports. */
    private static final String ALERT_APP = "7d431e42dfa6a6d693ac2d04";
    private static final String ALERT_SECRET = "5e987ac6d2e04d95a9d8f0d1";
    private static final String OPERATOR = "demo-operator";
    private static final String OPERATOR_PASSWORD = "demo-operator-password";
    private static final String CONTACT = "13900139000";

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void billedPerPartAlertedOnceBelowTheThresholdAndRefusedPerRecipientWhenEmpty() {
        try (IsmgServer ismg = IsmgServer.start(IsmgConfig.defaults().withPort(0).withMetricsPort(0),
                 Clock.systemUTC(), new SimpleMeterRegistry());
             CallbackSink sink = CallbackSink.start()) {
            List<String> overrides = new ArrayList<>(E2e.overrides(ismg.port(), E2e.h2Url(dir), "sa", "",
                sink.uri()));
            overrides.addAll(E2e.billingWithAlerts(ALERT_APP, CONTACT));
            try (Gateway gateway = Gateway.start(E2e.config(overrides), Clock.systemUTC())) {
                URI api = URI.create("http://127.0.0.1:" + gateway.apiAddress().getPort());

                HttpResponse<String> unpaid = E2e.sendOne(api, 13_700_137_000L, E2e.TIMEOUT);
                assertThat(unpaid.statusCode()).isEqualTo(403);
                assertThat(unpaid.body()).isEqualTo("{\"error\":{\"code\":50014,\"message\":\"no money\"}}");

                operate(api, "top_up", "{\"type\":\"industry\",\"amount\":103}");
                JsonNode allocated = operate(api, "allocate", "{\"app_key\":\"" + E2e.APP_KEY
                    + "\",\"type\":\"industry\",\"amount\":103}");
                assertThat(allocated.get("app_balance").asLong()).isEqualTo(103);
                assertThat(allocated.get("account_balance").asLong()).isZero();

                assertThat(E2e.sendBatch(api, 13_700_137_001L, 3)).hasSize(3);
                assertThat(E2e.sendOne(api, 13_700_137_010L, E2e.TIMEOUT).statusCode()).as("100 -> 99").isEqualTo(200);
                JsonNode alert = pullUntilReportTo(api, CONTACT);
                assertThat(alert.get("status").asInt()).as("the alert was delivered").isEqualTo(4001);

                operate(api, "return", "{\"app_key\":\"" + E2e.APP_KEY + "\",\"type\":\"industry\",\"amount\":97}");
                HttpResponse<String> batch = E2e.json(api.resolve("/v1/messages/batch"), "POST", E2e.APP_KEY,
                    E2e.MASTER_SECRET, "{\"temp_id\":1,\"recipients\":["
                        + "{\"mobile\":\"13700137020\",\"temp_para\":{\"code\":\"1\"}},"
                        + "{\"mobile\":\"13700137021\",\"temp_para\":{\"code\":\"2\"}},"
                        + "{\"mobile\":\"13700137022\",\"temp_para\":{\"code\":\"3\"}}]}");
                assertThat(batch.statusCode()).as(batch.body()).isEqualTo(200);
                JsonNode answer = E2e.read(batch.body());
                assertThat(answer.get("success_count").asInt()).isEqualTo(2);
                assertThat(answer.get("failure_recipients").findValuesAsText("error_code")).containsExactly("50014");
                assertThat(answer.get("failure_recipients").get(0).get("mobile").asText()).isEqualTo("13700137022");

                JsonNode balances = E2e.read(E2e.json(api.resolve("/v1/accounts/app"), "GET", E2e.APP_KEY,
                    E2e.MASTER_SECRET, null).body());
                assertThat(balances.get("app_balance").asLong()).isZero();
                assertThat(balances.get("app_industry").asLong()).isZero();
                assertThat(E2e.json(api.resolve("/v1/accounts/dev"), "GET", E2e.APP_KEY, E2e.MASTER_SECRET, null)
                    .statusCode()).as("no dev credentials configured").isEqualTo(401);

                HttpResponse<String> log = E2e.json(api.resolve("/operator/v1/balances/log?page=1&page_size=2"),
                    "GET", OPERATOR, OPERATOR_PASSWORD, null);
                assertThat(log.statusCode()).as(log.body()).isEqualTo(200);
                JsonNode page = E2e.read(log.body());
                assertThat(page.get("total").asLong()).isEqualTo(3);
                assertThat(page.get("operations").findValuesAsText("operation")).containsExactly("return", "allocate");
                assertThat(page.get("operations").get(0).get("operator").asText()).isEqualTo(OPERATOR);
                assertThat(page.get("operations").get(0).get("app_balance").asLong()).isEqualTo(2);
            }
        }
    }

    private static JsonNode operate(URI api, String operation, String body) {
        HttpResponse<String> response = E2e.json(api.resolve("/operator/v1/balances/" + operation), "POST",
            OPERATOR, OPERATOR_PASSWORD, body);
        assertThat(response.statusCode()).as(operation + " " + response.body()).isEqualTo(200);
        return E2e.read(response.body());
    }

    /** Pulls the alert app's reports until one for {@code mobile} comes (a 50201 only means "not yet"). */
    private static JsonNode pullUntilReportTo(URI api, String mobile) {
        List<JsonNode> found = new ArrayList<>();
        Await.until("a report of the alert to " + mobile, E2e.TIMEOUT.multipliedBy(2), () -> {
            HttpResponse<String> response = E2e.json(api.resolve("/v1/report"), "GET", ALERT_APP, ALERT_SECRET,
                null);
            if (response.statusCode() == 403 && response.body().contains("50201")) {
                return false;
            }
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            E2e.read(response.body()).forEach(item -> {
                if (mobile.equals(item.path("phone").asText())) {
                    found.add(item);
                }
            });
            return !found.isEmpty();
        });
        assertThat(found).as("one alert per crossing").hasSize(1);
        return found.get(0);
    }
}
