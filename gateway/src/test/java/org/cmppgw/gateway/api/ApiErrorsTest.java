package org.cmppgw.gateway.api;

import org.cmppgw.gateway.metrics.GatewayMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** One test per JSMS error code these endpoints answer with: HTTP status, code and message, and nothing stored. */
class ApiErrorsTest {
    private static final String ONE = "/v1/messages";
    private static final String BATCH = "/v1/messages/batch";
    private static final String GOOD = "{\"mobile\":\"13800138000\",\"temp_id\":1,\"temp_para\":{\"code\":\"1\"}}";

    private final ApiFixture api = new ApiFixture(GatewayMetrics.NOOP);

    @AfterEach
    void close() {
        assertThat(api.intake.accepted).as("nothing refused may be stored").isEmpty();
        api.close();
    }

    private static void assertError(ApiFixture.Answer answer, int status, int code, String message) {
        assertThat(answer.status()).as("HTTP status").isEqualTo(status);
        assertThat(answer.code()).as("code in " + answer.json()).isEqualTo(code);
        assertThat(answer.message()).isEqualTo(message);
        assertThat(answer.raw().headers().firstValue("content-type")).hasValue(JsonResponses.CONTENT_TYPE);
    }

    @Test
    void missingAuthIs50001() {
        assertError(api.post(ONE, null, ApiFixture.JSON, GOOD), 400, 50001, "missing auth");
    }

    @Test
    void wrongSecretUnknownAppOrMalformedCredentialsAre50002() {
        assertError(api.post(ONE, ApiFixture.basic("app-a", "secret-b"), ApiFixture.JSON, GOOD), 401, 50002,
            "auth failed");
        assertError(api.post(ONE, ApiFixture.basic("nobody", "secret-a"), ApiFixture.JSON, GOOD), 401, 50002,
            "auth failed");
        assertError(api.post(ONE, "Basic !!!", ApiFixture.JSON, GOOD), 401, 50002, "auth failed");
        assertError(api.post(ONE, "Bearer abc", ApiFixture.JSON, GOOD), 401, 50002, "auth failed");
        assertError(api.post(ONE, ApiFixture.basic("app-a", "secret-a").replace("Basic", "Basic ") + "x",
            ApiFixture.JSON, GOOD), 401, 50002, "auth failed");
    }

    @Test
    void emptyOrBlankBodyIs50003() {
        assertError(api.post(ONE, null), 400, 50003, "missing body");
        assertError(api.post(BATCH, " \n "), 400, 50003, "missing body");
    }

    @Test
    void missingMobileIs50004() {
        assertError(api.post(ONE, "{\"temp_id\":1,\"temp_para\":{\"code\":\"1\"}}"), 400, 50004, "missing mobile");
        assertError(api.post(ONE, "{\"mobile\":\" \",\"temp_id\":1}"), 400, 50004, "missing mobile");
    }

    @Test
    void missingTempIdIs50005() {
        assertError(api.post(ONE, "{\"mobile\":\"13800138000\"}"), 400, 50005, "missing temp_id");
        assertError(api.post(BATCH, "{\"recipients\":[{\"mobile\":\"13800138000\"}]}"), 400, 50005,
            "missing temp_id");
    }

    @Test
    void invalidMobileIs50006() {
        String[] invalid = {"1380013800", "12800138000", "138001380001", "1380013800a", "+8513800138000"};
        for (String mobile : invalid) {
            assertError(api.post(ONE, "{\"mobile\":\"" + mobile + "\",\"temp_id\":1,\"temp_para\":{\"code\":\"1\"}}"),
                403, 50006, "invalid mobile");
        }
    }

    @Test
    void malformedJsonOrWrongTypesAre50007() {
        assertError(api.post(ONE, "{\"mobile\":"), 403, 50007, "invalid body: malformed JSON");
        assertError(api.post(ONE, "[1,2]"), 403, 50007, "invalid body: wrong type at the top level");
        assertError(api.post(ONE, "{\"mobile\":\"13800138000\",\"temp_id\":\"abc\"}"), 403, 50007,
            "invalid body: wrong type at temp_id");
        assertError(api.post(ONE, "{\"mobile\":\"13800138000\",\"temp_id\":1.5}"), 403, 50007,
            "invalid body: wrong type at temp_id");
        assertError(api.post(ONE, "{\"mobile\":\"13800138000\",\"temp_id\":1,\"temp_para\":{\"code\":{}}}"), 403,
            50007, "invalid body: wrong type at temp_para.code");
        assertError(api.post(BATCH, "{\"temp_id\":1,\"recipients\":{}}"), 403, 50007,
            "invalid body: wrong type at recipients");
        assertError(api.post(ONE, "null"), 403, 50007, "invalid body: expected a JSON object");
        assertError(api.post(ONE, GOOD + " {}"), 403, 50007, "invalid body: wrong type at the top level");
    }

    @Test
    void aKeyGivenTwiceIs50007NamingTheKeyInsteadOfTheLastOneWinning() {
        assertError(api.post(ONE, "{\"mobile\":\"13800138000\",\"temp_id\":1,\"mobile\":\"13900139000\"}"), 403,
            50007, "invalid body: duplicate key mobile");
        assertError(api.post(ONE, "{\"mobile\":\"13800138000\",\"temp_id\":1,\"temp_para\":{\"code\":\"1\","
            + "\"code\":\"2\"}}"), 403, 50007, "invalid body: duplicate key temp_para.code");
        assertError(api.post(BATCH, "{\"temp_id\":1,\"recipients\":[{\"mobile\":\"13800138000\"},"
            + "{\"mobile\":\"13800138001\",\"mobile\":\"13800138002\"}]}"), 403, 50007,
            "invalid body: duplicate key recipients[1].mobile");
    }

    @Test
    void aMobileThatIsNotAJsonStringIs50007() {
        assertError(api.post(ONE, "{\"mobile\":13800138000,\"temp_id\":1,\"temp_para\":{\"code\":\"1\"}}"), 403,
            50007, "invalid body: wrong type at mobile (expected: a JSON string)");
        assertError(api.post(ONE, "{\"mobile\":1.38001380E10,\"temp_id\":1}"), 403, 50007,
            "invalid body: wrong type at mobile (expected: a JSON string)");
        assertError(api.post(ONE, "{\"mobile\":true,\"temp_id\":1}"), 403, 50007,
            "invalid body: wrong type at mobile (expected: a JSON string)");
        assertError(api.post(BATCH, "{\"temp_id\":1,\"recipients\":[{\"mobile\":\"13800138000\"},"
            + "{\"mobile\":13800138001}]}"), 403, 50007,
            "invalid body: wrong type at recipients[1].mobile (expected: a JSON string)");
    }

    @Test
    void aBodyThatIsNotValidUtf8Is50007SayingSo() {
        byte[] latin1 = "{\"mobile\":\"13800138000\",\"temp_id\":1,\"temp_para\":{\"code\":\"caf\u00e9\"}}"
            .getBytes(StandardCharsets.ISO_8859_1);
        byte[] inUnknownField = "{\"mobile\":\"13800138000\",\"temp_id\":1,\"x\":\"\u00ff\u00fe\"}"
            .getBytes(StandardCharsets.ISO_8859_1);

        assertError(api.postBytes(ONE, latin1), 403, 50007, "invalid body: not valid UTF-8");
        assertError(api.postBytes(BATCH, inUnknownField), 403, 50007, "invalid body: not valid UTF-8");
    }

    @Test
    void anUnknownSignatureIs50051NoSignature50046AndAnUnregisteredCallbackUrl50007() {
        assertError(api.post(ONE, "{\"mobile\":\"13800138000\",\"temp_id\":1,\"temp_para\":{\"code\":\"1\"},"
            + "\"sign_id\":9}"), 403, 50051, "signatures not exist: unknown sign_id 9");
        assertError(api.post(ONE, "{\"mobile\":\"13800138000\",\"temp_id\":1,\"temp_para\":{\"code\":\"1\"},"
            + "\"callback_url\":\"http://evil.example/cb\"}"), 403, 50007,
            "invalid body: callback_url is not one of the app's registered URLs");
        assertError(api.post(BATCH, ApiFixture.basic("unsigned", "secret-u"), ApiFixture.JSON,
            "{\"temp_id\":1,\"recipients\":[{\"mobile\":\"13800138000\",\"temp_para\":{\"code\":\"1\"}}]}"),
            403, 50046, "signature not set: sign_id missing and the app has no default signature");
    }

    @Test
    void overTheAppsRateLimitIs429UntilTimeMovesOnAndNot50009WhichIsPerMobile() {
        String limited = ApiFixture.basic("limited", "secret-l");

        assertThat(api.post(ONE, limited, ApiFixture.JSON, GOOD).status()).isEqualTo(200);
        assertError(api.post(ONE, limited, ApiFixture.JSON, GOOD), 429, 50019,
            "too many requests: app over its rateLimit");
        assertThat(api.post(ONE, GOOD).status()).as("other apps are not limited").isEqualTo(200);
        api.clock.advance(Duration.ofSeconds(1));
        assertThat(api.post(ONE, limited, ApiFixture.JSON, GOOD).status()).isEqualTo(200);
        api.intake.accepted.clear();
    }

    @Test
    void anUnknownTemplateIs50013() {
        assertError(api.post(ONE, "{\"mobile\":\"13800138000\",\"temp_id\":99}"), 403, 50013, "invalid temp_id");
        assertError(api.post(ONE, "{\"mobile\":\"13800138000\",\"temp_id\":99999999999}"), 403, 50013,
            "invalid temp_id");
    }

    @Test
    void anUnknownPathIs50016() {
        assertError(api.post("/v1/message", GOOD), 404, 50016, "api not found");
        assertError(api.post("/v1/messages/batch/x", GOOD), 404, 50016, "api not found");
        assertError(api.post("/", null, null, null), 404, 50016, "api not found");
    }

    @Test
    void aBodyThatIsNotJsonIs50017() {
        String auth = ApiFixture.basic("app-a", "secret-a");

        assertError(api.post(ONE, auth, "text/plain", GOOD), 415, 50017, "media not supported");
        assertError(api.post(ONE, auth, null, GOOD), 415, 50017, "media not supported");
        assertError(api.post(ONE, auth, "application/json; charset=GBK", GOOD), 415, 50017, "media not supported");
        assertThat(api.post(ONE, auth, "Application/JSON; charset=UTF-8", GOOD).status()).isEqualTo(200);
        api.intake.accepted.clear();
    }

    @Test
    void anotherMethodIs50018WithAllowPost() {
        ApiFixture.Answer answer = api.send(HttpRequest.newBuilder(api.base.resolve(BATCH))
            .timeout(Duration.ofSeconds(30)).header("Authorization", ApiFixture.basic("app-a", "secret-a")).GET()
            .build());

        assertError(answer, 405, 50018, "method not supported");
        assertThat(answer.raw().headers().firstValue("allow")).hasValue("POST");
    }

    @Test
    void anUnapprovedTemplateIs50020() {
        assertError(api.post(ONE, "{\"mobile\":\"13800138000\",\"temp_id\":2,\"temp_para\":{\"x\":\"1\"}}"), 403,
            50020, "template not approved");
    }

    @Test
    void unreplacedParametersAre50022() {
        assertError(api.post(ONE, "{\"mobile\":\"13800138000\",\"temp_id\":1}"), 403, 50022,
            "parameters not all replaced");
        assertError(api.post(ONE, "{\"mobile\":\"13800138000\",\"temp_id\":1,\"temp_para\":{\"code\":null}}"), 403,
            50022, "parameters not all replaced");
    }

    @Test
    void noRecipientsIs50030() {
        assertError(api.post(BATCH, "{\"temp_id\":1,\"recipients\":[]}"), 403, 50030, "recipients empty");
        assertError(api.post(BATCH, "{\"temp_id\":1}"), 403, 50030, "recipients empty");
    }

    @Test
    void moreThan1000RecipientsIs50031() {
        String recipients = "{\"mobile\":\"13800138000\"},".repeat(1000) + "{\"mobile\":\"13800138000\"}";

        assertError(api.post(BATCH, "{\"temp_id\":1,\"recipients\":[" + recipients + "]}"), 403, 50031,
            "more than 1000 recipients");
    }

    @Test
    void aClientOutsideTheAppsAllowedIpsIs50035() {
        assertError(api.post(ONE, ApiFixture.basic("fenced", "secret-f"), ApiFixture.JSON, GOOD), 403, 50035,
            "illegal IP");
        assertThat(api.post(ONE, ApiFixture.basic("local", "secret-local"), ApiFixture.JSON,
            GOOD.replace("}}", "},\"sign_id\":1}")).status()).as("127.0.0.0/8 allows 127.0.0.1").isEqualTo(200);
        api.intake.accepted.clear();
    }

    @Test
    void contentOver500CharactersWithTheSignatureIs50038() {
        // 【CMPPGW】 is 8 characters and "Notice: " 8 more: 484 characters of text make exactly 500
        String fits = "{\"mobile\":\"13800138000\",\"temp_id\":3,\"temp_para\":{\"text\":\"" + "字".repeat(484) + "\"}}";
        String over = fits.replace("字\"}", "字字\"}");

        assertError(api.post(ONE, over), 403, 50038, "content length");
        assertThat(api.post(ONE, fits).status()).isEqualTo(200);
        assertThat(api.intake.accepted.get(0).content()).hasSize(500);
        api.intake.accepted.clear();
    }
}
