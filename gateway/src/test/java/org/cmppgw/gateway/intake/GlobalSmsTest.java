package org.cmppgw.gateway.intake;

import org.cmppgw.gateway.config.ConfigLoader;
import org.cmppgw.gateway.config.GatewayConfig;
import org.cmppgw.gateway.model.MobileNumbers;
import org.cmppgw.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Global SMS admission (docs/api.md "Global SMS"): the accepted number forms, the per-app switch, the route check, the
 * optional signature and the numbered {@code {1}}, {@code {2}} variables; mainland sends unchanged.
 */
final class GlobalSmsTest {
    private static final String CONFIG = String.join("\n",
        "apps:",
        "  - {appKey: global, masterSecret: s, callbackUrls: [{url: 'http://127.0.0.1:9/cb', default: true}],",
        "     globalSms: true}",
        "  - {appKey: signed, masterSecret: s, callbackUrls: [{url: 'http://127.0.0.1:9/cb', default: true}],",
        "     globalSms: true, defaultSignId: 1}",
        "  - {appKey: local, masterSecret: s, callbackUrls: [{url: 'http://127.0.0.1:9/cb', default: true}],",
        "     defaultSignId: 1}",
        "signatures: [{id: 1, text: CMPPGW}]",
        "templates:",
        "  - {id: 1, content: 'Your verification code is {1} (valid for {2} minutes).', type: code}",
        "  - {id: 2, content: 'Hello {{name}}'}",
        "providers:",
        "  - {name: cn, host: 127.0.0.1, port: 7890, account: '901234', password: pw, accessNumber: '1069'}",
        "  - {name: intl, host: 127.0.0.1, port: 7891, account: '901235', password: pw, accessNumber: '1069'}",
        "routing:",
        "  rules: [{prefixes: ['00852', '001'], provider: intl}]",
        "");
    private static final Map<String, String> VARS = Map.of("1", "1234", "2", "5");

    private final GatewayConfig config = new ConfigLoader(Map.of()).parse(CONFIG, List.of());
    private final MessageAdmission admission = new MessageAdmission(config.templates(), config.signatures(),
        new MutableClock(Instant.parse("2026-01-02T03:04:05Z")), GlobalSms.of(config.routing()));

    private AppRules app(String key) {
        return new AppRules(config.app(key).orElseThrow(), () -> 0L);
    }

    private Outcome<AcceptedMessage> send(String app, String mobile, long tempId, Map<String, String> vars) {
        return admission.admitOne(app(app), new SendOneRequest(mobile, tempId, vars, null, null));
    }

    @Test
    void internationalNumbersAreReadInEveryDocumentedForm() {
        assertThat(MobileNumbers.international("+85266661234")).isEqualTo("0085266661234");
        assertThat(MobileNumbers.international("0085266661234")).isEqualTo("0085266661234");
        assertThat(MobileNumbers.international("85266661234")).as("JSMS console form").isEqualTo("0085266661234");
        assertThat(MobileNumbers.international("+12025550123")).isEqualTo("0012025550123");
        for (String bad : new String[] {"", "+", "12025550123", "+8613800138000", "008613800138000", "+852123",
            "+1234567890123456", "+85266661234x", "+085266661234", "00"}) {
            assertThat(MobileNumbers.international(bad)).as(bad).isNull();
        }
        assertThat(MobileNumbers.normalize("+85266661234")).as("mainland parsing unchanged").isNull();
    }

    @Test
    void aGlobalAppSendsUnsignedWithNumberedVariables() {
        Outcome<AcceptedMessage> sent = send("global", "+85266661234", 1, VARS);
        assertThat(sent.isOk()).as("%s", sent).isTrue();
        assertThat(sent.value().mobile()).isEqualTo("0085266661234");
        assertThat(sent.value().content()).isEqualTo("Your verification code is 1234 (valid for 5 minutes).");
        assertThat(sent.value().signId()).isZero();
    }

    @Test
    void aSignatureStillPrefixesWhenTheAppHasOne() {
        Outcome<AcceptedMessage> sent = send("signed", "0012025550123", 1, VARS);
        assertThat(sent.value().content()).startsWith("【CMPPGW】Your verification code is 1234");
    }

    @Test
    void aMissingNumberedVariableIs50022() {
        assertThat(send("global", "+85266661234", 1, Map.of("1", "1234")).error())
            .isEqualTo(ApiError.PARAMETERS_NOT_REPLACED);
    }

    @Test
    void anAppWithoutGlobalSmsGets50006AsBefore() {
        Outcome<AcceptedMessage> refused = send("local", "+85266661234", 1, VARS);
        assertThat(refused.error()).isEqualTo(ApiError.INVALID_MOBILE);
        assertThat(refused.message()).isEqualTo("invalid mobile");
    }

    @Test
    void aCountryWithoutARouteIs50006() {
        Outcome<AcceptedMessage> refused = send("global", "+447700900123", 1, VARS);
        assertThat(refused.error()).isEqualTo(ApiError.INVALID_MOBILE);
        assertThat(refused.message()).contains("no route");
    }

    @Test
    void mainlandNumbersStillNeedASignature() {
        Outcome<AcceptedMessage> unsigned = send("global", "13800138000", 2, Map.of("name", "x"));
        assertThat(unsigned.error()).isEqualTo(ApiError.SIGNATURE_NOT_SET);
        Outcome<AcceptedMessage> signed = send("signed", "13800138000", 2, Map.of("name", "x"));
        assertThat(signed.value().content()).isEqualTo("【CMPPGW】Hello x");
        assertThat(signed.value().mobile()).isEqualTo("13800138000");
    }

    @Test
    void aBatchMixesCountriesPerRecipient() {
        Outcome<BatchAdmission> batch = admission.admitBatch(app("global"), new SendBatchRequest(1L, null, null,
            List.of(new SendBatchRequest.Recipient("+85266661234", VARS),
                new SendBatchRequest.Recipient("13800138000", VARS),
                new SendBatchRequest.Recipient("+447700900123", VARS))));
        assertThat(batch.value().accepted()).extracting(AcceptedMessage::mobile).containsExactly("0085266661234");
        assertThat(batch.value().failures()).extracting(BatchAdmission.Failure::error)
            .containsExactly(ApiError.SIGNATURE_NOT_SET, ApiError.INVALID_MOBILE);
    }
}
