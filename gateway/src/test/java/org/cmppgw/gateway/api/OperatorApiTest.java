package org.cmppgw.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator API: its own credentials, the shared failed-login limit, each operator's allowed IPs and request rate,
 * listing and deciding reviews.
 */
final class OperatorApiTest {
    @TempDir
    Path dir;
    CatalogApiFixture api;

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    private void assertError(ApiFixture.Answer answer, int status, int code) {
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(status);
        assertThat(answer.code()).as(answer.raw().body()).isEqualTo(code);
    }

    @Test
    void onlyOperatorCredentialsOpenTheOperatorApi() {
        api = new CatalogApiFixture(dir);
        assertError(api.bodiless("GET", "/operator/v1/templates", null), 400, 50001);
        assertError(api.bodiless("GET", "/operator/v1/templates", CatalogApiFixture.APP_A), 401, 50002);
        assertError(api.bodiless("GET", "/operator/v1/templates", ApiFixture.basic("reviewer", "wrong-password")),
            401, 50002);
        assertError(api.bodiless("GET", "/operator/v1/templates", ApiFixture.basic("nobody", "operator-password")),
            401, 50002);
        assertError(api.bodiless("GET", "/v1/templates/1", CatalogApiFixture.OPERATOR), 401, 50002);
        assertThat(api.bodiless("GET", "/operator/v1/templates", CatalogApiFixture.OPERATOR).status())
            .isEqualTo(200);
    }

    @Test
    void failedOperatorLoginsCountInTheSameLimitAsApps() {
        api = new CatalogApiFixture(dir, "server.authFailureLimit=3", "server.authFailureWindow=1h");
        String wrong = ApiFixture.basic("reviewer", "not-the-password");
        assertError(api.bodiless("GET", "/operator/v1/templates", wrong), 401, 50002);
        assertError(api.bodiless("GET", "/v1/templates/1", ApiFixture.basic("app-a", "bad")), 401, 50002);
        assertError(api.bodiless("GET", "/operator/v1/signs", wrong), 401, 50002);
        assertError(api.bodiless("GET", "/operator/v1/templates", CatalogApiFixture.OPERATOR), 429, 50019);
        assertError(api.bodiless("GET", "/v1/templates/1", CatalogApiFixture.APP_A), 429, 50019);
    }

    @Test
    void anOperatorOutsideItsAllowedIpsIs50035AfterItsPasswordWasChecked() {
        api = new CatalogApiFixture(dir, "operators[0].allowedIps=[10.0.0.0/8, fd00::/8]");
        assertError(api.bodiless("GET", "/operator/v1/templates", CatalogApiFixture.OPERATOR), 403, 50035);
        assertError(api.bodiless("GET", "/operator/v1/templates", ApiFixture.basic("reviewer", "wrong-password")),
            401, 50002);
        assertError(api.bodiless("GET", "/operator/v1/standing", CatalogApiFixture.OPERATOR), 403, 50035);
        api.close();

        api = new CatalogApiFixture(dir, "operators[0].allowedIps=[10.0.0.0/8, 127.0.0.0/8]");
        assertThat(api.bodiless("GET", "/operator/v1/templates", CatalogApiFixture.OPERATOR).status())
            .isEqualTo(200);
    }

    @Test
    void anOperatorOverItsRateLimitIs429And50019UntilTheRateRefills() {
        api = new CatalogApiFixture(dir, "operators[0].rateLimit=2");
        assertThat(api.bodiless("GET", "/operator/v1/templates", CatalogApiFixture.OPERATOR).status())
            .isEqualTo(200);
        assertThat(api.bodiless("GET", "/operator/v1/signs", CatalogApiFixture.OPERATOR).status()).isEqualTo(200);
        ApiFixture.Answer over = api.bodiless("GET", "/operator/v1/templates", CatalogApiFixture.OPERATOR);
        assertError(over, 429, 50019);
        assertThat(over.message()).isEqualTo("too many requests: operator over its rateLimit");
        assertThat(api.bodiless("GET", "/v1/templates/1", CatalogApiFixture.APP_A).status())
            .as("the apps' rates are their own").isNotEqualTo(429);

        api.clock.advance(Duration.ofMillis(500));
        assertThat(api.bodiless("GET", "/operator/v1/templates", CatalogApiFixture.OPERATOR).status())
            .isEqualTo(200);
        assertError(api.bodiless("GET", "/operator/v1/templates", CatalogApiFixture.OPERATOR), 429, 50019);
    }

    @Test
    void listsPendingAndDecides() throws SQLException {
        api = new CatalogApiFixture(dir);
        long first = api.createTemplate("{\"template\":\"one {{x}}\",\"type\":2}");
        long second = api.createTemplate("{\"template\":\"two\",\"type\":3}");
        JsonNode pending = api.bodiless("GET", "/operator/v1/templates", CatalogApiFixture.OPERATOR).json()
            .path("templates");
        assertThat(pending.size()).isEqualTo(2);
        assertThat(pending.get(0).path("app_key").asText()).isEqualTo("app-a");
        assertThat(pending.findValuesAsText("temp_id")).containsExactlyInAnyOrder(Long.toString(first),
            Long.toString(second));

        ApiFixture.Answer approved = api.review("templates", first, "approve", null);
        assertThat(approved.status()).isEqualTo(200);
        assertThat(approved.json().path("status").asInt()).isEqualTo(1);
        assertError(api.review("templates", first, "approve", null), 409, 50007);
        assertError(api.review("templates", second, "reject", "{}"), 403, 50007);
        assertError(api.review("templates", second, "reject", "{\"reason\":\"  \"}"), 403, 50007);
        assertError(api.review("templates", second, "reject", "{\"reason\":\"" + "r".repeat(501) + "\"}"), 403,
            50007);
        assertThat(api.review("templates", second, "reject", "{\"reason\":\"" + "r".repeat(500) + "\"}").status())
            .isEqualTo(200);
        assertError(api.review("templates", 999_999, "approve", null), 403, 50013);
        assertError(api.review("templates", 1, "approve", null), 403, 50013);
        assertError(api.review("signs", 999_999, "approve", null), 403, 50102);

        assertThat(api.bodiless("GET", "/operator/v1/templates", CatalogApiFixture.OPERATOR).json()
            .path("templates").size()).isZero();
        assertThat(api.bodiless("GET", "/operator/v1/templates?status=rejected", CatalogApiFixture.OPERATOR).json()
            .path("templates").get(0).path("reason").asText()).hasSize(500);
        assertError(api.bodiless("GET", "/operator/v1/templates?status=odd", CatalogApiFixture.OPERATOR), 403,
            50007);

        try (Connection c = api.dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT kind, app_key, url FROM callback_outbox ORDER BY ref_id")) {
            for (int i = 0; i < 2; i++) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(4);
                assertThat(rows.getString(2)).isEqualTo("app-a");
                assertThat(rows.getString(3)).isEqualTo("http://127.0.0.1:9/cb");
            }
            assertThat(rows.next()).isFalse();
        }
    }

    @Test
    void autoApproveApprovesAtOnceAndStillCallsBack() throws SQLException {
        api = new CatalogApiFixture(dir, "review.autoApprove=true");
        long id = api.createTemplate("{\"template\":\"auto {{name}}\",\"type\":2}");
        assertThat(api.bodiless("GET", "/v1/templates/" + id, CatalogApiFixture.APP_A).json().path("status").asInt())
            .isEqualTo(1);
        assertThat(api.sendOne(CatalogApiFixture.APP_A, id, "").status()).isEqualTo(200);
        try (Connection c = api.dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM callback_outbox WHERE kind = 4")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void anOperatorBlacklistsAnAppAndFreezesTheAccountAndLiftsBoth() {
        api = new CatalogApiFixture(dir);
        assertError(api.bodiless("POST", "/operator/v1/apps/app-a/blacklist", CatalogApiFixture.APP_A), 401, 50002);
        assertError(api.bodiless("POST", "/operator/v1/apps/no-such-app/blacklist", CatalogApiFixture.OPERATOR),
            403, 50007);

        ApiFixture.Answer blacklisted = api.bodiless("POST", "/operator/v1/apps/app-a/blacklist",
            CatalogApiFixture.OPERATOR);
        assertThat(blacklisted.status()).as(blacklisted.raw().body()).isEqualTo(200);
        assertThat(blacklisted.json().toString()).contains("\"blacklisted\":true");
        assertError(api.sendOne(CatalogApiFixture.APP_A, 3, ""), 403, 50036);
        assertThat(api.bodiless("GET", "/operator/v1/standing", CatalogApiFixture.OPERATOR).json().toString())
            .isEqualTo("{\"frozen\":false,\"blacklisted\":[\"app-a\"]}");
        assertThat(api.bodiless("DELETE", "/operator/v1/apps/app-a/blacklist", CatalogApiFixture.OPERATOR).status())
            .isEqualTo(200);
        assertThat(api.sendOne(CatalogApiFixture.APP_A, 3, "").code()).as("no longer 50036").isNotEqualTo(50036);

        assertThat(api.bodiless("POST", "/operator/v1/account/freeze", CatalogApiFixture.OPERATOR).status())
            .isEqualTo(200);
        assertError(api.sendOne(CatalogApiFixture.LOCAL, 3, ""), 403, 50301);
        assertThat(api.bodiless("DELETE", "/operator/v1/account/freeze", CatalogApiFixture.OPERATOR).json()
            .toString()).isEqualTo("{\"frozen\":false}");
        assertThat(api.sendOne(CatalogApiFixture.LOCAL, 3, "").code()).as("no longer 50301").isNotEqualTo(50301);
    }
}
