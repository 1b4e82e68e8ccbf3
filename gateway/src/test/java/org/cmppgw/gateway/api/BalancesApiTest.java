package org.cmppgw.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import org.cmppgw.gateway.billing.BalanceService;
import org.cmppgw.gateway.config.ConfigLoader;
import org.cmppgw.gateway.config.GatewayConfig;
import org.cmppgw.gateway.metrics.GatewayMetrics;
import org.cmppgw.gateway.persistence.BillingRules;
import org.cmppgw.gateway.persistence.jdbc.DataSourceSettings;
import org.cmppgw.gateway.persistence.jdbc.DataSources;
import org.cmppgw.gateway.persistence.jdbc.JdbcBalances;
import org.cmppgw.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The balance endpoints on an H2 file database (docs/api.md "Balances and billing"): who may call which, the JSMS
 * fields of the balance queries, the operator's operations and every bad input's answer.
 */
final class BalancesApiTest {
    private static final String OPERATOR = ApiFixture.basic("reviewer", "operator-password");
    private static final String APP_A = ApiFixture.basic("app-a", "secret-a");
    private static final String DEV = ApiFixture.basic("0123456789abcdef01234567", "dev-secret-123");

    @TempDir
    Path dir;
    private HikariDataSource dataSource;
    private BalanceService balances;
    private HttpApiServer server;
    private URI base;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeEach
    void start() {
        List<String> overrides = new ArrayList<>(List.of("operators[0].name=reviewer",
            "operators[0].password=operator-password", "billing.devKey=0123456789abcdef01234567",
            "billing.devSecret=dev-secret-123"));
        GatewayConfig config = new ConfigLoader(Map.of()).parse(ApiFixture.CONFIG, overrides);
        MutableClock clock = new MutableClock(ApiFixture.NOW);
        dataSource = DataSources.open(DataSourceSettings.of("jdbc:h2:file:" + dir.resolve("gateway"), "", ""));
        balances = new BalanceService(new JdbcBalances(dataSource), BillingRules.OFF, clock);
        server = new HttpApiServer(config, ApiServices.of(new RecordingIntake(), config).withBalances(balances),
            GatewayMetrics.NOOP, clock, clock::nanoTime);
        base = URI.create("http://127.0.0.1:" + server.start().getPort());
    }

    @AfterEach
    void stop() {
        server.close();
        balances.close();
        dataSource.close();
    }

    private ApiFixture.Answer call(String method, String path, String authorization, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", ApiFixture.JSON);
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return ApiFixture.send(client, b.build());
    }

    private ApiFixture.Answer operate(String operation, String body) {
        return call("POST", "/operator/v1/balances/" + operation, OPERATOR, body);
    }

    private static void assertError(ApiFixture.Answer answer, int status, int code) {
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(status);
        assertThat(answer.code()).as(answer.raw().body()).isEqualTo(code);
    }

    @Test
    void eachBalanceQueryOpensOnlyToItsOwnCredentials() {
        assertError(call("GET", "/v1/accounts/dev", null, null), 400, 50001);
        assertError(call("GET", "/v1/accounts/dev", APP_A, null), 401, 50002);
        assertError(call("GET", "/v1/accounts/dev", OPERATOR, null), 401, 50002);
        assertError(call("GET", "/v1/accounts/app", DEV, null), 401, 50002);
        assertError(call("GET", "/operator/v1/balances", DEV, null), 401, 50002);
        assertError(call("GET", "/operator/v1/balances", APP_A, null), 401, 50002);
        assertError(call("POST", "/v1/accounts/app", APP_A, "{}"), 405, 50018);

        assertThat(call("GET", "/v1/accounts/dev", DEV, null).raw().body())
            .isEqualTo("{\"dev_balance\":0,\"dev_voice\":0,\"dev_industry\":0,\"dev_market\":0}");
        assertThat(call("GET", "/v1/accounts/app", APP_A, null).raw().body())
            .isEqualTo("{\"app_balance\":0,\"app_voice\":0,\"app_industry\":0,\"app_market\":0}");
    }

    @Test
    void topUpAllocateAndReturnShowInEveryView() {
        ApiFixture.Answer topUp = operate("top_up", "{\"type\":\"market\",\"amount\":500}");
        assertThat(topUp.status()).as(topUp.raw().body()).isEqualTo(200);
        assertThat(topUp.raw().body())
            .isEqualTo("{\"operation\":\"top_up\",\"type\":\"market\",\"amount\":500,\"account_balance\":500}");
        operate("top_up", "{\"type\":\"voice\",\"amount\":7}");
        ApiFixture.Answer allocated = operate("allocate", "{\"app_key\":\"app-a\",\"type\":\"market\","
            + "\"amount\":200}");
        assertThat(allocated.json().path("app_balance").asLong()).isEqualTo(200);
        assertThat(allocated.json().path("account_balance").asLong()).isEqualTo(300);
        assertThat(operate("return", "{\"app_key\":\"app-a\",\"type\":\"market\",\"amount\":50}").json()
            .path("app_balance").asLong()).isEqualTo(150);

        assertThat(call("GET", "/v1/accounts/app", APP_A, null).raw().body())
            .isEqualTo("{\"app_balance\":150,\"app_voice\":0,\"app_industry\":0,\"app_market\":150}");
        assertThat(call("GET", "/v1/accounts/dev", DEV, null).raw().body())
            .isEqualTo("{\"dev_balance\":357,\"dev_voice\":7,\"dev_industry\":0,\"dev_market\":350}");
        JsonNode all = call("GET", "/operator/v1/balances", OPERATOR, null).json();
        assertThat(all.path("account").path("market").asLong()).isEqualTo(350);
        assertThat(all.path("apps").path("app-a").path("market").asLong()).isEqualTo(150);
        assertThat(all.path("apps").path("limited").path("market").asLong()).as("every configured app").isZero();

        JsonNode page = call("GET", "/operator/v1/balances/log?page=2&page_size=3", OPERATOR, null).json();
        assertThat(page.path("total").asLong()).isEqualTo(4);
        assertThat(page.path("operations").findValuesAsText("operation")).containsExactly("top_up");
        assertThat(page.path("operations").get(0).path("operator").asText()).isEqualTo("reviewer");
        assertThat(page.path("operations").get(0).path("at").asText()).isEqualTo(ApiFixture.NOW.toString());
    }

    @Test
    void takingMoreThanABalanceHoldsIs50014AndChangesNothing() {
        operate("top_up", "{\"type\":\"industry\",\"amount\":10}");
        ApiFixture.Answer allocate = operate("allocate", "{\"app_key\":\"app-a\",\"type\":\"industry\","
            + "\"amount\":11}");
        assertError(allocate, 403, 50014);
        assertThat(allocate.message()).isEqualTo("no money: 10 industry available, 11 asked");
        assertError(operate("return", "{\"app_key\":\"app-a\",\"type\":\"industry\",\"amount\":1}"), 403, 50014);
        assertThat(call("GET", "/operator/v1/balances/log", OPERATOR, null).json().path("total").asLong())
            .isEqualTo(1);
    }

    @Test
    void badOperationsAre50007WithTheReason() {
        assertError(operate("top_up", "{\"type\":\"industry\""), 403, 50007);
        assertError(operate("top_up", "{\"type\":\"sms\",\"amount\":1}"), 403, 50007);
        assertError(operate("top_up", "{\"type\":1,\"amount\":1}"), 403, 50007);
        assertError(operate("top_up", "{\"type\":\"industry\"}"), 403, 50007);
        assertError(operate("top_up", "{\"type\":\"industry\",\"amount\":0}"), 403, 50007);
        assertError(operate("top_up", "{\"type\":\"industry\",\"amount\":-5}"), 403, 50007);
        assertError(operate("top_up", "{\"type\":\"industry\",\"amount\":1.5}"), 403, 50007);
        assertError(operate("top_up", "{\"type\":\"industry\",\"amount\":\"5\"}"), 403, 50007);
        assertError(operate("top_up", "{\"type\":\"industry\",\"amount\":99999999999999999999}"), 403, 50007);
        assertError(operate("top_up", "{\"app_key\":\"app-a\",\"type\":\"industry\",\"amount\":1}"), 403, 50007);
        assertError(operate("allocate", "{\"type\":\"industry\",\"amount\":1}"), 403, 50007);
        ApiFixture.Answer unknown = operate("allocate", "{\"app_key\":\"nobody\",\"type\":\"industry\",\"amount\":1}");
        assertError(unknown, 403, 50007);
        assertThat(unknown.message()).contains("nobody");
        assertError(call("POST", "/operator/v1/balances/top_up", OPERATOR, null), 400, 50003);
        assertError(call("GET", "/operator/v1/balances/log?page=0", OPERATOR, null), 403, 50007);
        assertError(call("GET", "/operator/v1/balances/log?page_size=501", OPERATOR, null), 403, 50007);
        assertError(call("GET", "/operator/v1/balances/log?page=x", OPERATOR, null), 403, 50007);
        assertThat(call("GET", "/operator/v1/balances/log", OPERATOR, null).json().path("total").asLong())
            .as("nothing logged").isZero();
    }

    private static final String ALERTS = "/operator/v1/balances/alerts/";

    @Test
    void anAppsLogHoldsOnlyItsOwnOperationsAndAnUnknownAppIs50007() {
        operate("top_up", "{\"type\":\"market\",\"amount\":500}");
        operate("allocate", "{\"app_key\":\"app-a\",\"type\":\"market\",\"amount\":200}");
        operate("allocate", "{\"app_key\":\"limited\",\"type\":\"market\",\"amount\":100}");
        operate("return", "{\"app_key\":\"app-a\",\"type\":\"market\",\"amount\":20}");

        JsonNode own = call("GET", "/operator/v1/balances/log?app_key=app-a&page_size=1", OPERATOR, null).json();
        assertThat(own.path("total").asLong()).isEqualTo(2);
        assertThat(own.path("operations").findValuesAsText("operation")).containsExactly("return");
        JsonNode older = call("GET", "/operator/v1/balances/log?app_key=app-a&page=2&page_size=1", OPERATOR, null)
            .json();
        assertThat(older.path("operations").findValuesAsText("operation")).containsExactly("allocate");
        assertThat(call("GET", "/operator/v1/balances/log?app_key=limited", OPERATOR, null).json()
            .path("operations").findValuesAsText("app_key")).containsExactly("limited");
        assertThat(call("GET", "/operator/v1/balances/log", OPERATOR, null).json().path("total").asLong())
            .as("every app's without app_key").isEqualTo(4);
        ApiFixture.Answer unknown = call("GET", "/operator/v1/balances/log?app_key=nobody", OPERATOR, null);
        assertError(unknown, 403, 50007);
        assertThat(unknown.message()).isEqualTo("invalid body: app_key: \"nobody\" (expected: a configured app)");
    }

    @Test
    void alertSettingsAreSetAndReadBackAndBadOnesAre50007ChangingNothing() {
        ApiFixture.Answer none = call("GET", ALERTS + "app-a", OPERATOR, null);
        assertThat(none.status()).as(none.raw().body()).isEqualTo(200);
        assertThat(none.raw().body()).isEqualTo("{\"app_key\":\"app-a\",\"mobiles\":[],\"industry\":0,"
            + "\"market\":0,\"voice\":0,\"updated_by\":null,\"updated_at\":null}");

        ApiFixture.Answer set = call("PUT", ALERTS + "app-a", OPERATOR,
            "{\"mobiles\":[\"13800138000\",\"13900139000\"],\"industry\":1000,\"market\":100}");
        assertThat(set.status()).as(set.raw().body()).isEqualTo(200);
        String saved = "{\"app_key\":\"app-a\",\"mobiles\":[\"13800138000\",\"13900139000\"],\"industry\":1000,"
            + "\"market\":100,\"voice\":0,\"updated_by\":\"reviewer\",\"updated_at\":\"" + ApiFixture.NOW + "\"}";
        assertThat(set.raw().body()).isEqualTo(saved);
        assertThat(call("GET", ALERTS + "app-a", OPERATOR, null).raw().body()).isEqualTo(saved);

        StringBuilder eleven = new StringBuilder("[");
        for (int i = 0; i < 11; i++) {
            eleven.append(i == 0 ? "" : ",").append("\"1380013800").append(i % 10).append('"');
        }
        eleven.append(']');
        assertRefused(ALERTS + "app-a", "{\"mobiles\":" + eleven + ",\"industry\":1000}",
            "invalid body: mobiles: 11 numbers (expected: 1..10)");
        assertRefused(ALERTS + "app-a", "{\"mobiles\":[\"13800138000\"],\"industry\":99}",
            "invalid body: industry: 99 (expected: 0 for no alert, or 100..999999999)");
        assertRefused(ALERTS + "app-a", "{\"mobiles\":[\"13800138000\"],\"voice\":1000000000}",
            "invalid body: voice: 1000000000 (expected: 0 for no alert, or 100..999999999)");
        assertRefused(ALERTS + "app-a", "{\"mobiles\":[\"13800138000\"],\"market\":\"500\"}",
            "invalid body: market: \"500\" (expected: a whole number of parts)");
        assertRefused(ALERTS + "app-a", "{\"mobiles\":[\"23800138000\"]}",
            "invalid body: mobiles[0]: \"23800138000\" (expected: a mainland mobile, 11 digits starting with 1)");
        assertRefused(ALERTS + "app-a", "{\"mobiles\":[]}", "invalid body: mobiles: 0 numbers (expected: 1..10)");
        assertRefused(ALERTS + "app-a", "{\"industry\":1000}",
            "invalid body: mobiles: null (expected: an array of 1..10 mobiles)");
        assertRefused(ALERTS + "nobody", "{\"mobiles\":[\"13800138000\"]}",
            "invalid body: app_key: \"nobody\" (expected: a configured app)");
        assertError(call("GET", ALERTS + "nobody", OPERATOR, null), 403, 50007);
        assertError(call("PUT", ALERTS + "app-a", OPERATOR, null), 400, 50003);
        assertError(call("PUT", ALERTS + "app-a", APP_A, "{\"mobiles\":[\"13800138000\"]}"), 401, 50002);
        assertThat(call("GET", ALERTS + "app-a", OPERATOR, null).raw().body()).as("nothing changed").isEqualTo(saved);
    }

    private void assertRefused(String path, String body, String message) {
        ApiFixture.Answer answer = call("PUT", path, OPERATOR, body);
        assertError(answer, 403, 50007);
        assertThat(answer.message()).isEqualTo(message);
    }
}
