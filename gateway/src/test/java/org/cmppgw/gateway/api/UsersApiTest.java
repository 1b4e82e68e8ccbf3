package org.cmppgw.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /v1/users} and {@code POST /v1/users/messages} on a real server and an H2 database (docs/api.md "Users",
 * "Send to users"): per-row import errors, the JSMS error shape, and sends that resolve ids to the stored mobile and go
 * through the ordinary SMS intake.
 */
final class UsersApiTest {
    @TempDir
    Path dir;
    CatalogApiFixture api;

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    private CatalogApiFixture start(String... overrides) {
        api = new CatalogApiFixture(dir, overrides);
        return api;
    }

    private static void assertError(ApiFixture.Answer answer, int status, int code) {
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(status);
        assertThat(answer.code()).as(answer.raw().body()).isEqualTo(code);
    }

    @Test
    void anImportStoresTheValidUsersAndReportsEachRefusedOneByIndex() {
        start();
        ApiFixture.Answer imported = api.json("POST", "/v1/users", "{\"users\":["
            + "{\"user_id\":\"u1\",\"mobile\":\"+8613800138000\",\"tags\":[\"vip\",\"vip\",\"north\"]},"
            + "{\"user_id\":\"u2\",\"email\":\"u2@example.com\"},"
            + "{\"user_id\":\"u3\",\"mobile\":\"12345\"},"
            + "{\"user_id\":\"u4\",\"email\":\"not an address\"},"
            + "{\"user_id\":\"u5\"},"
            + "{\"user_id\":\"bad id\",\"mobile\":\"13800138001\"},"
            + "{\"user_id\":\"u1\",\"mobile\":\"13800138002\"}]}");
        assertThat(imported.status()).as(imported.raw().body()).isEqualTo(200);
        assertThat(imported.json().path("success_count").asInt()).isEqualTo(2);
        assertThat(imported.json().path("failure_count").asInt()).isEqualTo(5);
        JsonNode failures = imported.json().path("failure_users");
        assertThat(failures.get(0).path("index").asInt()).isEqualTo(2);
        assertThat(failures.get(0).path("error_code").asText()).isEqualTo("50006");
        assertThat(failures.get(1).path("error_message").asText()).contains("email: not an address");
        assertThat(failures.get(2).path("error_message").asText()).contains("neither a mobile nor an email");
        assertThat(failures.get(3).path("user_id").asText()).isEqualTo("bad id");
        assertThat(failures.get(4).path("index").asInt()).isEqualTo(6);
        assertThat(failures.get(4).path("error_message").asText()).contains("already at index 0");

        ApiFixture.Answer u1 = api.bodiless("GET", "/v1/users/u1", CatalogApiFixture.APP_A);
        assertThat(u1.status()).isEqualTo(200);
        assertThat(u1.json().path("mobile").asText()).isEqualTo("13800138000");
        assertThat(u1.json().path("email").asText()).isEmpty();
        assertThat(u1.json().path("tags").toString()).isEqualTo("[\"vip\",\"north\"]");
        assertError(api.bodiless("GET", "/v1/users/u3", CatalogApiFixture.APP_A), 403, 50401);
        assertError(api.bodiless("GET", "/v1/users/u1", CatalogApiFixture.LOCAL), 403, 50401);
    }

    @Test
    void putReplacesAnExistingUserAndDeleteRemovesIt() {
        start();
        assertThat(api.json("POST", "/v1/users", "{\"users\":[{\"user_id\":\"u1\",\"mobile\":\"13800138000\"}]}")
            .status()).isEqualTo(200);
        ApiFixture.Answer replaced = api.json("PUT", "/v1/users/u1", "{\"email\":\"a@example.com\",\"tags\":[\"x\"]}");
        assertThat(replaced.status()).as(replaced.raw().body()).isEqualTo(200);
        assertThat(replaced.json().path("mobile").asText()).isEmpty();
        assertThat(replaced.json().path("email").asText()).isEqualTo("a@example.com");
        assertError(api.json("PUT", "/v1/users/u1", "{\"user_id\":\"u2\",\"email\":\"a@example.com\"}"), 403, 50007);
        assertError(api.json("PUT", "/v1/users/nobody", "{\"email\":\"a@example.com\"}"), 403, 50401);
        assertError(api.json("PUT", "/v1/users/u1", "{\"mobile\":\"abc\"}"), 403, 50006);

        ApiFixture.Answer deleted = api.bodiless("DELETE", "/v1/users/u1", CatalogApiFixture.APP_A);
        assertThat(deleted.status()).isEqualTo(200);
        assertError(api.bodiless("GET", "/v1/users/u1", CatalogApiFixture.APP_A), 403, 50401);
        assertError(api.bodiless("DELETE", "/v1/users/u1", CatalogApiFixture.APP_A), 403, 50401);
    }

    @Test
    void anImportReplacesUsersAndRefusesAnEmptyOrMalformedList() {
        start();
        assertThat(api.json("POST", "/v1/users", users(100, 0)).json().path("success_count").asInt()).isEqualTo(100);
        ApiFixture.Answer again = api.json("POST", "/v1/users", users(10, 1));
        assertThat(again.json().path("success_count").asInt()).isEqualTo(10);
        assertThat(api.bodiless("GET", "/v1/users/user-9", CatalogApiFixture.APP_A).json().path("email").asText())
            .isEqualTo("user-9@example.com");
        assertThat(api.bodiless("GET", "/v1/users/user-99", CatalogApiFixture.APP_A).json().path("mobile").asText())
            .isEqualTo("13900000099");
        assertError(api.json("POST", "/v1/users", "{\"users\":[]}"), 403, 50007);
        assertError(api.json("POST", "/v1/users", "{\"users\":5}"), 403, 50007);
    }

    private static String users(int count, int withEmail) {
        StringBuilder json = new StringBuilder(count * 60).append("{\"users\":[");
        for (int i = 0; i < count; i++) {
            json.append(i == 0 ? "" : ",").append("{\"user_id\":\"user-").append(i).append("\",\"mobile\":\"139")
                .append(String.format("%08d", i)).append('"');
            if (withEmail == 1) {
                json.append(",\"email\":\"user-").append(i).append("@example.com\"");
            }
            json.append('}');
        }
        return json.append("]}").toString();
    }

    @Test
    void anSmsToUsersGoesToTheirStoredMobilesThroughTheIntake() {
        start();
        api.json("POST", "/v1/users", "{\"users\":[{\"user_id\":\"u1\",\"mobile\":\"13800138000\"},"
            + "{\"user_id\":\"u2\",\"email\":\"u2@example.com\"},{\"user_id\":\"u3\",\"mobile\":\"13800138000\"},"
            + "{\"user_id\":\"u4\",\"mobile\":\"13800138004\"}]}");
        ApiFixture.Answer sent = api.json("POST", "/v1/users/messages", "{\"channel\":\"sms\",\"user_ids\":"
            + "[\"u1\",\"u2\",\"u3\",\"u4\",\"u9\",\"u1\"],\"temp_id\":3,\"temp_para\":{\"text\":\"hi\"}}");
        assertThat(sent.status()).as(sent.raw().body()).isEqualTo(200);
        assertThat(sent.json().path("success_count").asInt()).isEqualTo(3);
        assertThat(sent.json().path("failure_count").asInt()).isEqualTo(2);
        JsonNode recipients = sent.json().path("recipients");
        assertThat(recipients.get(0).path("user_id").asText()).isEqualTo("u1");
        assertThat(recipients.get(1).path("user_id").asText()).isEqualTo("u3");
        assertThat(recipients.get(1).path("msg_id").asText()).isEqualTo(recipients.get(0).path("msg_id").asText());
        assertThat(recipients.get(2).path("mobile").asText()).isEqualTo("13800138004");
        JsonNode failures = sent.json().path("failure_recipients");
        assertThat(failures.get(0).path("user_id").asText()).isEqualTo("u2");
        assertThat(failures.get(0).path("error_code").asText()).isEqualTo("50004");
        assertThat(failures.get(1).path("user_id").asText()).isEqualTo("u9");
        assertThat(failures.get(1).path("error_code").asText()).isEqualTo("50401");
        assertThat(api.intake.accepted).hasSize(2).allSatisfy(m -> assertThat(m.content())
            .isEqualTo("【CMPPGW】Notice: hi"));
    }

    @Test
    void aSendToUsersIsCheckedLikeABatch() {
        start();
        api.json("POST", "/v1/users", "{\"users\":[{\"user_id\":\"u1\",\"mobile\":\"13800138000\"}]}");
        assertError(api.json("POST", "/v1/users/messages", "{\"channel\":\"fax\",\"user_ids\":[\"u1\"]}"), 403, 50007);
        assertError(api.json("POST", "/v1/users/messages", "{\"channel\":\"sms\",\"user_ids\":[],\"temp_id\":3}"), 403,
            50030);
        assertError(api.json("POST", "/v1/users/messages", "{\"channel\":\"email\",\"user_ids\":[\"u1\"],"
            + "\"subject\":\"s\",\"text\":\"t\"}"), 403, 50007);
        assertError(api.json("POST", "/v1/users/messages", "{\"channel\":\"sms\",\"user_ids\":[\"u1\"],"
            + "\"temp_id\":99}"), 403, 50013);
        ApiFixture.Answer unknownOnly = api.json("POST", "/v1/users/messages", "{\"channel\":\"sms\","
            + "\"user_ids\":[\"u7\"],\"temp_id\":3,\"temp_para\":{\"text\":\"hi\"}}");
        assertThat(unknownOnly.status()).isEqualTo(200);
        assertThat(unknownOnly.json().path("success_count").asInt()).isZero();
        assertThat(api.intake.accepted).isEmpty();
    }
}
