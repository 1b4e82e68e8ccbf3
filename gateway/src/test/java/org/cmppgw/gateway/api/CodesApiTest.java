package org.cmppgw.gateway.api;

import com.zaxxer.hikari.HikariDataSource;
import org.cmppgw.gateway.codes.CodeGenerator;
import org.cmppgw.gateway.codes.CodeHasher;
import org.cmppgw.gateway.codes.VerificationCodes;
import org.cmppgw.gateway.intake.AcceptedMessage;
import org.cmppgw.gateway.metrics.GatewayMetrics;
import org.cmppgw.gateway.persistence.jdbc.DataSourceSettings;
import org.cmppgw.gateway.persistence.jdbc.DataSources;
import org.cmppgw.gateway.persistence.jdbc.JdbcCodeStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /v1/codes}, {@code /v1/codes/{msg_id}/valid} and {@code /v1/voice_codes} on a real server and a real H2
 * code store, with the fixture's clock: every JSMS code these endpoints answer, and the ttl and guess-limit edges.
 */
final class CodesApiTest {
    static final String[] TEMPLATES = {
        "templates[0].ttl=120", "templates[1].type=code", "codes.maxFailedGuesses=2"};
    static final int MAX_GUESSES = 2;

    @TempDir
    Path dir;
    private HikariDataSource dataSource;
    private JdbcCodeStore store;
    private ApiFixture api;

    @BeforeEach
    void start() {
        dataSource = DataSources.open(DataSourceSettings.of("jdbc:h2:file:" + dir.resolve("gw"), "", ""));
        store = new JdbcCodeStore(dataSource, 2, 100);
        SecureRandom random = new SecureRandom();
        api = new ApiFixture(GatewayMetrics.NOOP, clock -> new VerificationCodes(store, new CodeGenerator(random, 6),
            new CodeHasher("test-key", random), MAX_GUESSES, clock), TEMPLATES);
    }

    @AfterEach
    void stop() {
        api.close();
        store.close();
        dataSource.close();
    }

    private static void assertError(ApiFixture.Answer answer, int status, int code) {
        assertEquals(status, answer.status(), () -> answer.raw().body());
        assertEquals(code, answer.code(), () -> answer.raw().body());
    }

    /** Sends a code to a mobile with template 1; the msg_id answered. */
    private String send() {
        ApiFixture.Answer answer = api.post("/v1/codes", "{\"mobile\":\"13800138000\",\"temp_id\":1}");
        assertEquals(200, answer.status(), () -> answer.raw().body());
        return answer.json().get("msg_id").asText();
    }

    /** The code in the last message the intake took. */
    private String lastCode() {
        AcceptedMessage m = api.intake.accepted.get(api.intake.accepted.size() - 1);
        String prefix = "【CMPPGW】Your code is ";
        assertTrue(m.content().startsWith(prefix), m.content());
        return m.content().substring(prefix.length());
    }

    private ApiFixture.Answer check(String msgId, String code) {
        return api.post("/v1/codes/" + msgId + "/valid", "{\"code\":\"" + code + "\"}");
    }

    @Test
    void sendsASixDigitCodeWithTheTemplateAndSignature() {
        String msgId = send();
        AcceptedMessage m = api.intake.accepted.get(0);
        assertEquals("13800138000", m.mobile());
        assertEquals(1, m.templateId());
        assertTrue(lastCode().matches("[0-9]{6}"), m.content());
        assertEquals("1", msgId);
    }

    @Test
    void rightCodeIsValidThenVerified50012() {
        String msgId = send();
        String code = lastCode();
        ApiFixture.Answer ok = check(msgId, code);
        assertEquals(200, ok.status(), () -> ok.raw().body());
        assertTrue(ok.json().get("is_valid").asBoolean());
        assertError(check(msgId, code), 403, 50012);
    }

    @Test
    void wrongCode50010AndTheGuessLimitKillsTheCode() {
        String msgId = send();
        String code = lastCode();
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < MAX_GUESSES; i++) {
            assertError(check(msgId, wrong), 403, 50010);
        }
        assertError(check(msgId, code), 403, 50010);
    }

    @Test
    void expiresAtAcceptTimePlusTheTemplatesTtl50011() {
        String first = send();
        String firstCode = lastCode();
        String second = send();
        String secondCode = lastCode();
        api.clock.advance(Duration.ofSeconds(120).minusMillis(1));
        assertEquals(200, check(first, firstCode).status());
        api.clock.advance(Duration.ofMillis(1));
        assertError(check(second, secondCode), 403, 50011);
    }

    @Test
    void unknownForeignOrMalformedMsgId50026() {
        String msgId = send();
        String code = lastCode();
        assertError(check("999999", code), 403, 50026);
        assertError(check("not-a-number", code), 403, 50026);
        ApiFixture.Answer foreign = api.post("/v1/codes/" + msgId + "/valid", ApiFixture.basic("limited", "secret-l"),
            ApiFixture.JSON, "{\"code\":\"" + code + "\"}");
        assertError(foreign, 403, 50026);
        assertEquals(200, check(msgId, code).status(), "the other app's check did not touch it");
    }

    @Test
    void missingCode50015AndWrongTypes50007() {
        String msgId = send();
        assertError(api.post("/v1/codes/" + msgId + "/valid", "{}"), 400, 50015);
        assertError(api.post("/v1/codes/" + msgId + "/valid", "{\"code\":\"\"}"), 400, 50015);
        assertError(api.post("/v1/codes/" + msgId + "/valid", "{\"code\":123456}"), 403, 50007);
        assertError(api.post("/v1/codes/" + msgId + "/valid", "{\"code\":"), 403, 50007);
    }

    @Test
    void sendRefusesWhatASingleSendRefuses() {
        assertError(api.post("/v1/codes", "{\"temp_id\":1}"), 400, 50004);
        assertError(api.post("/v1/codes", "{\"mobile\":\"13800138000\"}"), 400, 50005);
        assertError(api.post("/v1/codes", "{\"mobile\":\"12345\",\"temp_id\":1}"), 403, 50006);
        assertError(api.post("/v1/codes", "{\"mobile\":\"13800138000\",\"temp_id\":99}"), 403, 50013);
        assertError(api.post("/v1/codes", "{\"mobile\":\"13800138000\",\"temp_id\":2}"), 403, 50020);
        assertError(api.post("/v1/codes", "{\"mobile\":13800138000,\"temp_id\":1}"), 403, 50007);
        assertEquals(0, api.intake.accepted.size());
    }

    @Test
    void notificationTemplateIsWrongTemplateType50025() {
        ApiFixture.Answer answer = api.post("/v1/codes", "{\"mobile\":\"13800138000\",\"temp_id\":3}");
        assertError(answer, 403, 50025);
        assertTrue(answer.message().contains("notification"), answer.message());
    }

    @Test
    void busyIntake503AndFailingIntake500() {
        api.intake.mode = RecordingIntake.Mode.REFUSE;
        assertError(api.post("/v1/codes", "{\"mobile\":\"13800138000\",\"temp_id\":1}"), 503, 50019);
        api.intake.mode = RecordingIntake.Mode.FAIL;
        assertError(api.post("/v1/codes", "{\"mobile\":\"13800138000\",\"temp_id\":1}"), 500, 50019);
    }

    @Test
    void voiceCodesAreValidatedThenNotActivated50008() {
        assertError(api.post("/v1/voice_codes", "{}"), 400, 50004);
        assertError(api.post("/v1/voice_codes", "{\"mobile\":\"123\"}"), 403, 50006);
        assertError(api.post("/v1/voice_codes", "{\"mobile\":\"13800138000\",\"code\":\"12a4\"}"), 403, 50039);
        assertError(api.post("/v1/voice_codes", "{\"mobile\":\"13800138000\",\"code\":\"123\"}"), 403, 50038);
        assertError(api.post("/v1/voice_codes", "{\"mobile\":\"13800138000\",\"code\":\"123456789\"}"), 403, 50038);
        assertError(api.post("/v1/voice_codes", "{\"mobile\":\"13800138000\",\"voice_lang\":3}"), 403, 50040);
        assertError(api.post("/v1/voice_codes", "{\"mobile\":\"13800138000\",\"voice_lang\":-1}"), 403, 50040);
        assertError(api.post("/v1/voice_codes", "{\"mobile\":\"13800138000\",\"ttl\":0}"), 403, 50041);
        assertError(api.post("/v1/voice_codes", "{\"mobile\":\"13800138000\",\"ttl\":86401}"), 403, 50041);
        assertError(api.post("/v1/voice_codes",
            "{\"mobile\":\"13800138000\",\"code\":\"1234\",\"voice_lang\":2,\"ttl\":86400}"), 403, 50008);
        assertError(api.post("/v1/voice_codes", "{\"mobile\":\"13800138000\",\"code\":\"12345678\"}"), 403, 50008);
        assertEquals(0, api.intake.accepted.size());
    }
}
