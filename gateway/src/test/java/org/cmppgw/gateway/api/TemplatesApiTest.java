package org.cmppgw.gateway.api;

import org.cmppgw.gateway.catalog.TemplateRules;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /v1/templates} on a real server and an H2 database: JSMS's shapes, every rule and its code. */
final class TemplatesApiTest {
    @TempDir
    Path dir;
    CatalogApiFixture api;

    @BeforeEach
    void start() {
        api = new CatalogApiFixture(dir);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private void assertError(ApiFixture.Answer answer, int status, int code) {
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(status);
        assertThat(answer.code()).as(answer.raw().body()).isEqualTo(code);
    }

    private ApiFixture.Answer create(String body) {
        return api.json("POST", "/v1/templates", body);
    }

    @Test
    void aNewTemplateIsPendingUntilReviewedAndTheSdksTempIdZeroIsIgnored() {
        ApiFixture.Answer created = create("{\"temp_id\":0,\"template\":\"Hello {{name}}\",\"type\":2,"
            + "\"remark\":\"greeting\"}");
        assertThat(created.status()).isEqualTo(200);
        long id = created.json().path("temp_id").asLong();
        assertThat(id).isGreaterThan(3);

        ApiFixture.Answer shown = api.bodiless("GET", "/v1/templates/" + id, CatalogApiFixture.APP_A);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.json().path("temp_id").asLong()).isEqualTo(id);
        assertThat(shown.json().path("template").asText()).isEqualTo("Hello {{name}}");
        assertThat(shown.json().path("type").asInt()).isEqualTo(2);
        assertThat(shown.json().path("remark").asText()).isEqualTo("greeting");
        assertThat(shown.json().path("status").asInt()).isZero();

        assertError(api.sendOne(CatalogApiFixture.APP_A, id, ""), 403, 50020);
        assertThat(api.review("templates", id, "reject", "{\"reason\":\"too vague\"}").status()).isEqualTo(200);
        ApiFixture.Answer rejected = api.bodiless("GET", "/v1/templates/" + id, CatalogApiFixture.APP_A);
        assertThat(rejected.json().path("status").asInt()).isEqualTo(2);
        assertThat(rejected.json().path("reason").asText()).isEqualTo("too vague");
        assertError(api.sendOne(CatalogApiFixture.APP_A, id, ""), 403, 50021);

        ApiFixture.Answer modified = api.json("PUT", "/v1/templates/" + id, "{\"temp_id\":" + id
            + ",\"template\":\"Dear {{name}}, welcome\",\"type\":2}");
        assertThat(modified.status()).isEqualTo(200);
        assertThat(modified.json().path("temp_id").asLong()).isEqualTo(id);
        assertError(api.json("PUT", "/v1/templates/" + id, "{\"template\":\"again\",\"type\":2}"), 403, 50047);

        assertThat(api.review("templates", id, "approve", null).status()).isEqualTo(200);
        assertError(api.json("PUT", "/v1/templates/" + id, "{\"template\":\"again\",\"type\":2}"), 403, 50047);
        assertThat(api.sendOne(CatalogApiFixture.APP_A, id, "").status()).isEqualTo(200);
        assertThat(api.intake.accepted).singleElement()
            .satisfies(m -> assertThat(m.content()).isEqualTo("【CMPPGW】Dear Li, welcome"));
    }

    @Test
    void deleteRemovesTheTemplate() {
        long id = api.createTemplate("{\"template\":\"bye\",\"type\":2}");
        ApiFixture.Answer deleted = api.bodiless("DELETE", "/v1/templates/" + id, CatalogApiFixture.APP_A);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().isEmpty()).isTrue();
        assertError(api.bodiless("GET", "/v1/templates/" + id, CatalogApiFixture.APP_A), 403, 50013);
        assertError(api.bodiless("DELETE", "/v1/templates/" + id, CatalogApiFixture.APP_A), 403, 50013);
    }

    @Test
    void anotherAppsTemplateIsNotFound() {
        long id = api.createTemplate("{\"template\":\"mine\",\"type\":2}");
        String other = CatalogApiFixture.LOCAL;
        assertError(api.bodiless("GET", "/v1/templates/" + id, other), 403, 50013);
        assertError(api.json("PUT", "/v1/templates/" + id, other, "{\"template\":\"x\",\"type\":2}"), 403, 50013);
        assertError(api.bodiless("DELETE", "/v1/templates/" + id, other), 403, 50013);
        assertError(api.sendOne(other, id, ",\"sign_id\":1"), 403, 50013);
        assertThat(api.bodiless("GET", "/v1/templates/" + id, CatalogApiFixture.APP_A).status()).isEqualTo(200);
    }

    @Test
    void configuredTemplatesBelongToEveryAppAndAreReadOnly() {
        ApiFixture.Answer shown = api.bodiless("GET", "/v1/templates/1", CatalogApiFixture.LOCAL);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.json().path("status").asInt()).isEqualTo(1);
        assertThat(shown.json().path("ttl").asInt()).isEqualTo(60);
        assertError(api.json("PUT", "/v1/templates/1", "{\"template\":\"x\",\"type\":2}"), 403, 50047);
        assertError(api.bodiless("DELETE", "/v1/templates/3", CatalogApiFixture.APP_A), 403, 50013);
        assertThat(api.bodiless("GET", "/v1/templates/3", CatalogApiFixture.APP_A).status()).isEqualTo(200);
    }

    @Test
    void malformedIdsAreInvalidTempIds() {
        for (String id : new String[] {"0", "abc", "-1", "2147483648", "99999999999"}) {
            assertError(api.bodiless("GET", "/v1/templates/" + id, CatalogApiFixture.APP_A), 403, 50013);
        }
        assertError(api.bodiless("GET", "/v1/templates/2147483647", CatalogApiFixture.APP_A), 403, 50013);
    }

    @Test
    void emptyTemplates50042() {
        assertError(create("{\"type\":2}"), 403, 50042);
        assertError(create("{\"template\":\"  \",\"type\":2}"), 403, 50042);
    }

    @Test
    void wrongTypes50025And50007() {
        assertError(create("{\"template\":\"x\"}"), 403, 50025);
        assertError(create("{\"template\":\"x\",\"type\":0}"), 403, 50025);
        assertError(create("{\"template\":\"x\",\"type\":4}"), 403, 50025);
        assertThat(create("{\"template\":123,\"type\":2}").code()).isEqualTo(50007);
        assertThat(create("{\"template\":\"x\",\"type\":2,\"remark\":5}").code()).isEqualTo(50007);
        assertThat(create("{\"template\":\"x\",\"type\":2").code()).isEqualTo(50007);
    }

    @Test
    void remarks50045AtTheBoundary() {
        assertThat(create("{\"template\":\"x\",\"type\":2,\"remark\":\"" + "r".repeat(500) + "\"}").status())
            .isEqualTo(200);
        assertError(create("{\"template\":\"x\",\"type\":2,\"remark\":\"" + "r".repeat(501) + "\"}"), 403, 50045);
    }

    @Test
    void brackets50052() {
        assertError(create("{\"template\":\"see [here]\",\"type\":2}"), 403, 50052);
        assertError(create("{\"template\":\"【fake】 hi\",\"type\":2}"), 403, 50052);
    }

    @Test
    void badParameters50044() {
        assertError(create("{\"template\":\"hi {{name\",\"type\":2}"), 403, 50044);
        assertError(create("{\"template\":\"hi name}}\",\"type\":2}"), 403, 50044);
        assertError(create("{\"template\":\"hi {{}}\",\"type\":2}"), 403, 50044);
        assertError(create("{\"template\":\"hi {{_name}}\",\"type\":2}"), 403, 50044);
        assertError(create("{\"template\":\"hi {{na me}}\",\"type\":2}"), 403, 50044);
        assertError(create("{\"template\":\"code {{code}} for {{name}}\",\"type\":1,\"ttl\":60}"), 403, 50044);
        assertError(create("{\"template\":\"no code here\",\"type\":1,\"ttl\":60}"), 403, 50044);
        assertThat(create("{\"template\":\"hi {{first_name2}}\",\"type\":2}").status()).isEqualTo(200);
    }

    @Test
    void verificationTtl50041AtTheBoundaries() {
        String code = "{\"template\":\"code {{code}}\",\"type\":1";
        assertError(create(code + "}"), 403, 50041);
        assertError(create(code + ",\"ttl\":-1}"), 403, 50041);
        assertError(create(code + ",\"ttl\":86401}"), 403, 50041);
        assertThat(create(code + ",\"ttl\":0}").status()).isEqualTo(200);
        long id = create(code + ",\"ttl\":86400}").json().path("temp_id").asLong();
        assertThat(api.bodiless("GET", "/v1/templates/" + id, CatalogApiFixture.APP_A).json().path("ttl").asInt())
            .isEqualTo(86400);
        long notification = api.createTemplate("{\"template\":\"x\",\"type\":2,\"ttl\":99999}");
        assertThat(api.bodiless("GET", "/v1/templates/" + notification, CatalogApiFixture.APP_A).json().path("ttl")
            .asInt()).isZero();
    }

    @Test
    void linkVariablesNeedARemark50053() {
        assertError(create("{\"template\":\"open {{url}}\",\"type\":2}"), 403, 50053);
        assertError(create("{\"template\":\"open {{shopLink}}\",\"type\":2,\"remark\":\" \"}"), 403, 50053);
        assertThat(create("{\"template\":\"open {{url}}\",\"type\":2,\"remark\":\"https://example.com/x\"}")
            .status()).isEqualTo(200);
    }

    @Test
    void lengthWithTheLongestSignature50043AtTheBoundary() {
        int room = 500 - 18;
        assertThat(create("{\"template\":\"" + "字".repeat(room) + "\",\"type\":2}").status()).isEqualTo(200);
        assertError(create("{\"template\":\"" + "字".repeat(room + 1) + "\",\"type\":2}"), 403, 50043);
        int marketingRoom = room - TemplateRules.UNSUBSCRIBE.length();
        assertThat(create("{\"template\":\"" + "a".repeat(marketingRoom) + "\",\"type\":3}").status())
            .isEqualTo(200);
        assertError(create("{\"template\":\"" + "a".repeat(marketingRoom + 1) + "\",\"type\":3}"), 403, 50043);
    }

    @Test
    void marketingTemplatesGetTheUnsubscribeTextOnce() {
        long id = api.createTemplate("{\"template\":\"Sale today\",\"type\":3}");
        assertThat(api.bodiless("GET", "/v1/templates/" + id, CatalogApiFixture.APP_A).json().path("template")
            .asText()).isEqualTo("Sale today" + TemplateRules.UNSUBSCRIBE);
        long again = api.createTemplate("{\"template\":\"Sale" + TemplateRules.UNSUBSCRIBE + "\",\"type\":3}");
        assertThat(api.bodiless("GET", "/v1/templates/" + again, CatalogApiFixture.APP_A).json().path("template")
            .asText()).isEqualTo("Sale" + TemplateRules.UNSUBSCRIBE);
    }

    @Test
    void bracketsInParameterValues50054() {
        ApiFixture.Answer refused = api.json("POST", "/v1/messages", "{\"mobile\":\"13800138000\",\"temp_id\":3,"
            + "\"temp_para\":{\"text\":\"【Bank】 call us\"}}");
        assertError(refused, 403, 50054);
    }

    @Test
    void contentTypeAndMethodRules() {
        assertError(api.send("POST", "/v1/templates", CatalogApiFixture.APP_A, "text/plain",
            "{}".getBytes()), 415, 50017);
        assertError(api.json("POST", "/v1/templates", null), 400, 50003);
        assertThat(api.json("PATCH", "/v1/templates/1", "{}").code()).isEqualTo(50018);
        assertError(api.json("POST", "/v1/templates", null, "{\"template\":\"x\",\"type\":2}"), 400, 50001);
    }
}
