package org.cmppgw.gateway.api;

import org.cmppgw.gateway.metrics.GatewayMetrics;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admission rules checked on the event loop, through the HTTP API (docs/api.md, "Admission rules"): frozen
 * account 50301, blacklisted app 50036, SMS not activated 50008, empty parameter 50023, sensitive words 50037.
 */
class AdmissionRules12Test {
    private static final String ONE = "/v1/messages";
    private static final String BATCH = "/v1/messages/batch";
    private static final String GOOD = "{\"mobile\":\"13800138000\",\"temp_id\":3,\"temp_para\":{\"text\":\"hi\"}}";

    private final ApiFixture api = new ApiFixture(GatewayMetrics.NOOP);

    @AfterEach
    void close() {
        api.close();
    }

    private static void assertError(ApiFixture.Answer answer, int code, String message) {
        assertThat(answer.status()).as("HTTP status of " + answer.json()).isEqualTo(403);
        assertThat(answer.code()).as("code in " + answer.json()).isEqualTo(code);
        assertThat(answer.message()).isEqualTo(message);
    }

    @Test
    void aFrozenAccountIs50301ForEveryAppUntilThawed() {
        Await.result("freeze", api.rules.standing().setFrozen(true));

        assertError(api.post(ONE, GOOD), 50301, "invalid account");
        assertError(api.post(BATCH, ApiFixture.basic("limited", "secret-l"), ApiFixture.JSON,
            "{\"temp_id\":3,\"recipients\":[{\"mobile\":\"13800138000\",\"temp_para\":{\"text\":\"a\"}}]}"),
            50301, "invalid account");
        assertThat(api.intake.accepted).isEmpty();

        Await.result("thaw", api.rules.standing().setFrozen(false));
        assertThat(api.post(ONE, GOOD).status()).isEqualTo(200);
        assertThat(api.intake.accepted).hasSize(1);
    }

    @Test
    void aBlacklistedAppIs50036AndOtherAppsStillSend() {
        Await.result("blacklist", api.rules.standing().setBlacklisted("app-a", true));

        assertError(api.post(ONE, GOOD), 50036, "app in black");
        assertThat(api.post(ONE, ApiFixture.basic("limited", "secret-l"), ApiFixture.JSON, GOOD).status())
            .isEqualTo(200);

        Await.result("clear", api.rules.standing().setBlacklisted("app-a", false));
        assertThat(api.post(ONE, GOOD).status()).isEqualTo(200);
        assertThat(api.intake.accepted).hasSize(2);
    }

    @Test
    void anAppWithoutSmsIs50008() {
        assertError(api.post(ONE, ApiFixture.basic("inactive", "secret-i"), ApiFixture.JSON, GOOD), 50008,
            "no sms code auth");
        assertThat(api.intake.accepted).isEmpty();
    }

    @Test
    void aBlankParameterValueIs50023WhileAMissingOneStays50022() {
        assertError(api.post(ONE, "{\"mobile\":\"13800138000\",\"temp_id\":3,\"temp_para\":{\"text\":\"\"}}"),
            50023, "parameters is empty");
        assertError(api.post(ONE, "{\"mobile\":\"13800138000\",\"temp_id\":3,\"temp_para\":{\"text\":\" \"}}"),
            50023, "parameters is empty");
        assertError(api.post(ONE, "{\"mobile\":\"13800138000\",\"temp_id\":3,\"temp_para\":{}}"),
            50022, "parameters not all replaced");
        assertThat(api.post(ONE, "{\"mobile\":\"13800138000\",\"temp_id\":3,\"temp_para\":{\"text\":\"x\","
            + "\"unused\":\"\"}}").status()).as("a blank value no variable uses is ignored").isEqualTo(200);
    }

    @Test
    void aSensitiveWordAnywhereInTheTextInAnyCaseIs50037() {
        assertError(api.post(ONE, "{\"mobile\":\"13800138000\",\"temp_id\":3,\"temp_para\":{\"text\":\"来赌博吧\"}}"),
            50037, "has black word");
        assertError(api.post(ONE, "{\"mobile\":\"13800138000\",\"temp_id\":3,\"temp_para\":{\"text\":\"cASINO\"}}"),
            50037, "has black word");
        assertThat(api.post(ONE, "{\"mobile\":\"13800138000\",\"temp_id\":3,\"temp_para\":{\"text\":\"casin0\"}}")
            .status()).isEqualTo(200);
    }

    @Test
    void inABatchOnlyTheRecipientsWithASensitiveWordOrBlankParameterFail() {
        ApiFixture.Answer answer = api.post(BATCH, "{\"temp_id\":3,\"recipients\":["
            + "{\"mobile\":\"13800138000\",\"temp_para\":{\"text\":\"ok\"}},"
            + "{\"mobile\":\"13800138001\",\"temp_para\":{\"text\":\"赌博\"}},"
            + "{\"mobile\":\"13800138002\",\"temp_para\":{\"text\":\"\"}}]}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("success_count").asInt()).isEqualTo(1);
        assertThat(answer.json().get("failure_recipients").findValuesAsText("error_code"))
            .containsExactly("50037", "50023");
        assertThat(api.intake.accepted).hasSize(1);
    }
}
