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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10: an app's console page shows its own balance operations and edits its balance alerts (docs/api.md
 * "Balance alerts", docs/operations.md "Console"), over real HTTP against a real gateway on H2 and the simulated ISMG.
 * The form is refused without the session's CSRF token and field by field for bad values; a saved threshold is in
 * force for the next spend at once (the alert SMS goes to the new contact, through the gateway itself), and the edit,
 * stored in the database, survives a restart over the configuration's {@code billing.alerts}.
 */
final class ConsoleBalancesIT {
    /** The shipped configuration's second app: it sends the alerts, unbilled, and pulls its reports. */
    private static final String ALERT_APP = "7d431e42dfa6a6d693ac2d04";
    private static final String ALERT_SECRET = "5e987ac6d2e04d95a9d8f0d1";
    private static final String OPERATOR = "demo-operator";
    private static final String PASSWORD = "demo-operator-password";
    private static final String CONFIGURED_CONTACT = "13900139000";
    private static final String NEW_CONTACT = "13900139011";
    private static final Pattern LOG_ROWS = Pattern.compile("<table id=\"app-log\">.*?<tbody>(.*?)</tbody>",
        Pattern.DOTALL);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void anAppsPageShowsItsOwnLogAndItsAlertFormSavesAThresholdInForceForTheNextSpend() {
        try (IsmgServer ismg = IsmgServer.start(IsmgConfig.defaults().withPort(0).withMetricsPort(0),
                 Clock.systemUTC(), new SimpleMeterRegistry());
             CallbackSink sink = CallbackSink.start()) {
            List<String> overrides = new ArrayList<>(E2e.overrides(ismg.port(), E2e.h2Url(dir), "sa", "",
                sink.uri()));
            overrides.addAll(E2e.billingWithAlerts(ALERT_APP, CONFIGURED_CONTACT));
            try (Gateway gateway = Gateway.start(E2e.config(overrides), Clock.systemUTC())) {
                URI api = URI.create("http://127.0.0.1:" + gateway.apiAddress().getPort());
                operate(api, "top_up", "{\"type\":\"industry\",\"amount\":1000}");
                operate(api, "allocate", "{\"app_key\":\"" + E2e.APP_KEY + "\",\"type\":\"industry\",\"amount\":500}");
                operate(api, "allocate", "{\"app_key\":\"" + ALERT_APP + "\",\"type\":\"industry\",\"amount\":77}");
                operate(api, "return", "{\"app_key\":\"" + E2e.APP_KEY + "\",\"type\":\"industry\",\"amount\":149}");

                ConsoleClient browser = new ConsoleClient(gateway.managementAddress().getPort());
                assertThat(browser.login(OPERATOR, PASSWORD).statusCode()).isEqualTo(303);
                HttpResponse<String> page = browser.get("/console/apps/" + E2e.APP_KEY);
                assertThat(page.statusCode()).isEqualTo(200);
                assertThat(page.body()).contains("2 operations of this app");
                assertThat(logRows(page.body())).containsExactly(List.of("return", "industry", "149", "351"),
                    List.of("allocate", "industry", "500", "500"));
                assertThat(logRows(browser.get("/console/apps/" + ALERT_APP).body()))
                    .containsExactly(List.of("allocate", "industry", "77", "77"));
                assertThat(page.body()).as("the configuration's settings, written to the store at start")
                    .contains(">" + CONFIGURED_CONTACT + "</textarea>")
                    .contains("id=\"alert-industry\" name=\"industry\" inputmode=\"numeric\" value=\"100\"")
                    .contains("from the configuration (billing.alerts)");
                String csrf = ConsoleClient.csrf(page.body());
                String action = "/console/apps/" + E2e.APP_KEY + "/alerts";

                Map<String, String> form = Map.of("mobiles", NEW_CONTACT, "industry", "351", "market", "0",
                    "voice", "");
                assertThat(browser.post(action, form).statusCode()).as("no CSRF token").isEqualTo(403);
                assertThat(browser.post(action, with(form, "csrf", csrf + "x")).statusCode()).as("a wrong one")
                    .isEqualTo(403);
                assertThat(alerts(api).get("industry").asLong()).as("nothing saved").isEqualTo(100);

                HttpResponse<String> refused = browser.post(action, Map.of("csrf", csrf, "mobiles",
                    "13900139000, 2390013900", "industry", "99", "market", "x", "voice", "0"));
                assertThat(refused.statusCode()).isEqualTo(403);
                assertThat(fieldError(refused.body(), "alert-mobiles-error")).isEqualTo("mobiles[1]: \"2390013900\""
                    + " (expected: a mainland mobile, 11 digits starting with 1)");
                assertThat(fieldError(refused.body(), "alert-industry-error"))
                    .isEqualTo("industry: 99 (expected: 0 for no alert, or 100..999999999)");
                assertThat(fieldError(refused.body(), "alert-market-error"))
                    .isEqualTo("market: x (expected: a whole number of parts)");
                assertThat(refused.body()).doesNotContain("alert-voice-error").contains("value=\"99\"")
                    .as("each refused field names its reason").contains("aria-describedby=\"alert-industry-error\"");
                assertThat(alerts(api).get("industry").asLong()).as("nothing saved").isEqualTo(100);

                HttpResponse<String> saved = browser.post(action, with(form, "csrf", csrf));
                assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
                assertThat(saved.headers().firstValue("Location")).hasValue("/console/apps/" + E2e.APP_KEY
                    + "?done=alerts");
                assertThat(browser.get("/console/apps/" + E2e.APP_KEY + "?done=alerts").body())
                    .contains("Saved the balance alerts.").contains("Saved by " + OPERATOR);
                JsonNode stored = alerts(api);
                assertThat(stored.get("industry").asLong()).isEqualTo(351);
                assertThat(stored.get("mobiles").get(0).asText()).isEqualTo(NEW_CONTACT);
                assertThat(stored.get("updated_by").asText()).isEqualTo(OPERATOR);

                assertThat(E2e.sendOne(api, 13_700_137_100L, E2e.TIMEOUT).statusCode()).as("351 -> 350")
                    .isEqualTo(200);
                JsonNode alert = pullUntilReportTo(api, NEW_CONTACT);
                assertThat(alert.get("status").asInt()).as("the alert was delivered").isEqualTo(4001);
            }
            try (Gateway restarted = Gateway.start(E2e.config(overrides), Clock.systemUTC())) {
                URI api = URI.create("http://127.0.0.1:" + restarted.apiAddress().getPort());
                JsonNode kept = alerts(api);
                assertThat(kept.get("industry").asLong()).as("the edit, not billing.alerts").isEqualTo(351);
                assertThat(kept.get("mobiles").get(0).asText()).isEqualTo(NEW_CONTACT);
            }
        }
    }

    private static Map<String, String> with(Map<String, String> form, String name, String value) {
        Map<String, String> out = new HashMap<>(form);
        out.put(name, value);
        return out;
    }

    /** The app log's rows as operation, type, parts, app after. */
    private static List<List<String>> logRows(String page) {
        Matcher table = LOG_ROWS.matcher(page);
        assertThat(table.find()).as("the app's log in " + page).isTrue();
        List<List<String>> rows = new ArrayList<>();
        Matcher row = Pattern.compile("<tr>(.*?)</tr>", Pattern.DOTALL).matcher(table.group(1));
        while (row.find()) {
            List<String> cells = new ArrayList<>();
            Matcher cell = Pattern.compile("<td>([^<]*)</td>").matcher(row.group(1));
            while (cell.find()) {
                cells.add(cell.group(1));
            }
            rows.add(cells.subList(2, 6));
        }
        return rows;
    }

    private static String fieldError(String page, String id) {
        Matcher m = Pattern.compile("id=\"" + id + "\">([^<]*)<").matcher(page);
        assertThat(m.find()).as(id + " in " + page).isTrue();
        return m.group(1);
    }

    private static JsonNode alerts(URI api) {
        HttpResponse<String> response = E2e.json(api.resolve("/operator/v1/balances/alerts/" + E2e.APP_KEY), "GET",
            OPERATOR, PASSWORD, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return E2e.read(response.body());
    }

    private static void operate(URI api, String operation, String body) {
        HttpResponse<String> response = E2e.json(api.resolve("/operator/v1/balances/" + operation), "POST",
            OPERATOR, PASSWORD, body);
        assertThat(response.statusCode()).as(operation + " " + response.body()).isEqualTo(200);
    }

    /** Pulls the alert app's reports until one for {@code mobile} comes (a 50201 only means "not yet"). */
    private static JsonNode pullUntilReportTo(URI api, String mobile) {
        List<JsonNode> found = new ArrayList<>();
        List<String> others = new ArrayList<>();
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
                } else {
                    others.add(item.path("phone").asText());
                }
            });
            return !found.isEmpty();
        });
        assertThat(found).as("one alert per crossing").hasSize(1);
        assertThat(others).as("the old contact gets nothing").doesNotContain(CONFIGURED_CONTACT);
        return found.get(0);
    }
}
