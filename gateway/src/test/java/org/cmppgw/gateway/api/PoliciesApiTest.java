package org.cmppgw.gateway.api;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /v1/policies} on a real server and an H2 database (docs/api.md "Send policies"). */
final class PoliciesApiTest {
    private static final String SMS_THEN_EMAIL = "{\"name\":\"sms then email\",\"steps\":[{\"channel\":\"sms\"},"
        + "{\"channel\":\"email\",\"relation\":\"and\",\"conditions\":[{\"step\":1,\"event\":\"not_delivered\","
        + "\"within_minutes\":5}]}]}";

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

    @Test
    void aPolicyIsCreatedListedShownAndDeletedByItsApp() {
        ApiFixture.Answer created = api.json("POST", "/v1/policies", SMS_THEN_EMAIL);
        assertThat(created.status()).as(created.raw().body()).isEqualTo(200);
        String id = created.json().path("policy_id").asText();
        assertThat(id).isNotEmpty();

        ApiFixture.Answer shown = api.bodiless("GET", "/v1/policies/" + id, CatalogApiFixture.APP_A);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.json().path("name").asText()).isEqualTo("sms then email");
        assertThat(shown.json().path("steps").toString()).isEqualTo("[{\"channel\":\"sms\"},{\"channel\":\"email\","
            + "\"relation\":\"and\",\"conditions\":[{\"step\":1,\"event\":\"not_delivered\",\"within_minutes\":5}]}]");
        ApiFixture.Answer listed = api.bodiless("GET", "/v1/policies", CatalogApiFixture.APP_A);
        assertThat(listed.json().path("policies").get(0).path("policy_id").asText()).isEqualTo(id);
        assertThat(api.bodiless("GET", "/v1/policies", CatalogApiFixture.LOCAL).json().path("policies").size())
            .isZero();
        assertThat(api.bodiless("GET", "/v1/policies/" + id, CatalogApiFixture.LOCAL).code()).isEqualTo(50403);

        assertThat(api.bodiless("DELETE", "/v1/policies/" + id, CatalogApiFixture.APP_A).status()).isEqualTo(200);
        ApiFixture.Answer gone = api.bodiless("GET", "/v1/policies/" + id, CatalogApiFixture.APP_A);
        assertThat(gone.status()).isEqualTo(403);
        assertThat(gone.code()).isEqualTo(50403);
        assertThat(api.bodiless("DELETE", "/v1/policies/abc", CatalogApiFixture.APP_A).code()).isEqualTo(50403);
    }

    @Test
    void aBadPolicyIsRefusedWithTheFieldNamed() {
        ApiFixture.Answer refused = api.json("POST", "/v1/policies",
            "{\"name\":\"x\",\"steps\":[{\"channel\":\"sms\"}]}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo(50007);
        assertThat(refused.raw().body()).contains("steps: 1 steps");
        // this fixture's server tracks no clicks (CatalogApiFixture): not_clicked is refused only then, a gateway
        // with clicks.enabled accepts it (PolicyClicksIT)
        ApiFixture.Answer clicks = api.json("POST", "/v1/policies", SMS_THEN_EMAIL.replace("not_delivered",
            "not_clicked"));
        assertThat(clicks.code()).isEqualTo(50007);
        assertThat(clicks.raw().body()).contains("needs click tracking");
    }
}
