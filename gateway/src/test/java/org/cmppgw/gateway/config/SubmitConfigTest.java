package org.cmppgw.gateway.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code providers[].submit} and the {@code submit} blocks of routing rules and templates (docs/cmpp-protocol.md §7.1):
 * defaults, each key's check with the widths of the provider's version, the deprecated {@code serviceId} key, and
 * what an override holds.
 */
class SubmitConfigTest {
    /** p1 speaks 3.0, p2 2.0; rule 0 sends on p2 (backup p1); template 1 may go to either. */
    static final String YAML = String.join("\n",
        "apps:",
        "  - appKey: k",
        "    masterSecret: s",
        "    callbackUrls: [{url: 'http://127.0.0.1:9/cb', default: true}]",
        "providers:",
        "  - name: p1",
        "    host: 127.0.0.1",
        "    port: 7890",
        "    account: '901234'",
        "    password: pw",
        "    accessNumber: '1069'",
        "  - name: p2",
        "    host: 127.0.0.1",
        "    port: 7891",
        "    account: '902345'",
        "    password: pw",
        "    accessNumber: '1069'",
        "    version: '2.0'",
        "routing:",
        "  rules:",
        "    - prefixes: ['139']",
        "      provider: p2",
        "      backup: p1",
        "templates:",
        "  - id: 1",
        "    content: 'Your code is {{code}}'",
        "");

    private static GatewayConfig load(String yaml, String... overrides) {
        return new ConfigLoader(Map.of()).parse(yaml, List.of(overrides));
    }

    private static String error(String yaml, Map<String, String> environment, String... overrides) {
        try {
            new ConfigLoader(environment).parse(yaml, List.of(overrides));
        } catch (ConfigException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a ConfigException");
    }

    @Test
    void withoutASubmitBlockTheSpPaysNothingAndMsgSrcIsTheAccount() {
        GatewayConfig config = load(YAML);
        SubmitDefaults submit = config.providers().get(0).submit();

        assertThat(submit).isEqualTo(SubmitDefaults.NONE);
        assertThat(submit.serviceId()).isEmpty();
        assertThat(submit.feeUserType()).isEqualTo(2);
        assertThat(submit.feeTerminalId()).isEmpty();
        assertThat(submit.feeTerminalType()).isZero();
        assertThat(submit.feeType()).isEqualTo("01");
        assertThat(submit.feeCode()).isEqualTo("000000");
        assertThat(submit.msgLevel()).isZero();
        assertThat(submit.msgSrcOr("901234")).isEqualTo("901234");
        assertThat(submit.validTime()).isEmpty();
        assertThat(submit.atTime()).isEmpty();
        assertThat(submit.tpPid()).isZero();
        assertThat(submit.linkIdReplyWindow()).isZero();
        assertThat(config.routing().rules().get(0).submit().isEmpty()).isTrue();
        assertThat(config.templates().get(0).submit()).isEqualTo(SubmitOverride.NONE);
    }

    @Test
    void everyKeyCanBeSetAndRoutesAndTemplatesHoldOnlyWhatTheyGive() {
        GatewayConfig config = load(YAML, "providers[0].submit.serviceId=SVC", "providers[0].submit.feeUserType=3",
            "providers[0].submit.feeTerminalId=" + "1".repeat(32), "providers[0].submit.feeTerminalType=1",
            "providers[0].submit.feeType=03", "providers[0].submit.feeCode=500", "providers[0].submit.msgLevel=9",
            "providers[0].submit.msgSrc=905555", "providers[0].submit.validTime=261203235959032-",
            "providers[0].submit.atTime=000000013000000R", "providers[0].submit.tpPid=255",
            "providers[0].submit.linkIdReplyWindow=15m", "providers[1].submit.feeType=05",
            "routing.rules[0].submit.feeCode=000020", "templates[0].submit.serviceId=TPL",
            "templates[0].submit.msgLevel=0");

        assertThat(config.providers().get(0).submit()).isEqualTo(new SubmitDefaults("SVC", 3, "1".repeat(32), 1, "03",
            "500", 9, "905555", "261203235959032-", "000000013000000R", 255, Duration.ofMinutes(15)));
        assertThat(config.providers().get(1).submit().feeType()).isEqualTo("05");
        assertThat(config.routing().rules().get(0).submit()).isEqualTo(
            new SubmitOverride(null, null, null, null, null, "000020", null, null, null, null, null));
        assertThat(config.templates().get(0).submit()).isEqualTo(
            new SubmitOverride("TPL", null, null, null, null, null, 0, null, null, null, null));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
        providers[0].submit.serviceId=ABCDEFGHIJK | providers[0].submit.serviceId: "ABCDEFGHIJK" (expected: at most \
        10 characters)
        providers[0].submit.serviceId=SVC€       | providers[0].submit.serviceId: "SVC€" (expected: printable ASCII, \
        at most 10 characters)
        providers[0].submit.feeUserType=4       | providers[0].submit.feeUserType: 4 (expected: 0..3)
        providers[0].submit.feeTerminalId=123456789012345678901234567890123 | providers[0].submit.feeTerminalId: \
        "123456789012345678901234567890123" (expected: at most 32 characters)
        providers[1].submit.feeTerminalId=1234567890123456789012 | providers[1].submit.feeTerminalId: \
        "1234567890123456789012" (expected: at most 21 characters on CMPP 2.0)
        providers[0].submit.feeTerminalType=2   | providers[0].submit.feeTerminalType: 2 (expected: 0..1)
        providers[1].submit.feeTerminalType=1   | providers[1].submit.feeTerminalType: 1 (expected: 0 on CMPP 2.0, \
        which has no Fee_terminal_type)
        providers[0].submit.feeType=06          | providers[0].submit.feeType: "06" (expected: "01" free, "02" per \
        message, "03" monthly, "04" capped or "05" charged by the SP; 04 and 05 on CMPP 2.0 only)
        providers[0].submit.feeType=04          | providers[0].submit.feeType: "04" (expected: "01", "02" or "03" on \
        CMPP 3.0)
        providers[0].submit.feeCode=1234567     | providers[0].submit.feeCode: "1234567" (expected: 1..6 digits, the \
        price in fen, e.g. "000010")
        providers[0].submit.feeCode=1.5         | providers[0].submit.feeCode: "1.5" (expected: 1..6 digits, the \
        price in fen, e.g. "000010")
        providers[0].submit.msgLevel=10         | providers[0].submit.msgLevel: 10 (expected: 0..9)
        providers[0].submit.msgSrc=1234567      | providers[0].submit.msgSrc: "1234567" (expected: at most 6 \
        characters)
        providers[0].submit.validTime=2612032359 | providers[0].submit.validTime: "2612032359" (expected: "" for \
        none, or 16 characters YYMMDDhhmmsstnnp: nn quarter hours from UTC 00..48, p '+' or '-' for an absolute \
        time, 'R' for relative, e.g. "151105131555101+" or "000001000000000R")
        providers[0].submit.atTime=261203235959049+ | providers[0].submit.atTime: "261203235959049+" (expected: "" \
        for none, or 16 characters YYMMDDhhmmsstnnp: nn quarter hours from UTC 00..48, p '+' or '-' for an absolute \
        time, 'R' for relative, e.g. "151105131555101+" or "000001000000000R")
        providers[0].submit.atTime=26120323595903X+ | providers[0].submit.atTime: "26120323595903X+" (expected: "" \
        for none, or 16 characters YYMMDDhhmmsstnnp: nn quarter hours from UTC 00..48, p '+' or '-' for an absolute \
        time, 'R' for relative, e.g. "151105131555101+" or "000001000000000R")
        providers[0].submit.tpPid=256           | providers[0].submit.tpPid: 256 (expected: 0..255)
        providers[0].submit.linkIdReplyWindow=-1s | providers[0].submit.linkIdReplyWindow: "-1s" (expected: a \
        duration like 500ms, 60s, 3m, 1h)
        providers[1].submit.linkIdReplyWindow=5m | providers[1].submit.linkIdReplyWindow: 5m (expected: 0s on CMPP \
        2.0, which has no LinkID)
        providers[0].submit.fee=1               | providers[0].submit.fee: unknown key (expected: one of atTime, \
        feeCode, feeTerminalId, feeTerminalType, feeType, feeUserType, linkIdReplyWindow, msgLevel, msgSrc, \
        serviceId, tpPid, validTime)
        routing.rules[0].submit.linkIdReplyWindow=1m | routing.rules[0].submit.linkIdReplyWindow: unknown key \
        (expected: one of atTime, feeCode, feeTerminalId, feeTerminalType, feeType, feeUserType, msgLevel, msgSrc, \
        serviceId, tpPid, validTime)
        routing.rules[0].submit.msgLevel=12     | routing.rules[0].submit.msgLevel: 12 (expected: 0..9)
        routing.rules[0].submit.feeTerminalType=1 | routing.rules[0].submit.feeTerminalType: 1 (expected: 0 on CMPP \
        2.0, provider "p2", which has no Fee_terminal_type)
        routing.rules[0].submit.feeType=04      | routing.rules[0].submit.feeType: "04" (expected: "01", "02" or "03" \
        on CMPP 3.0, provider "p1")
        templates[0].submit.feeTerminalId=1234567890123456789012 | templates[0].submit.feeTerminalId: \
        "1234567890123456789012" (expected: at most 21 characters on CMPP 2.0, provider "p2")
        templates[0].submit.feeCode=abc         | templates[0].submit.feeCode: "abc" (expected: 1..6 digits, the \
        price in fen, e.g. "000010")
        """)
    void eachKeyIsCheckedWithTheWidthsOfTheProvidersVersion(String override, String message) {
        assertThat(error(YAML, Map.of(), override)).isEqualTo(message);
    }

    @Test
    void feeTypeAndFeeCodeMustBeQuotedSoThatYamlKeepsTheirLeadingZeros() {
        String unquoted = YAML.replace("    version: '2.0'\n",
            "    version: '2.0'\n    submit: {feeType: 02, feeCode: '000010'}\n");
        String octal = YAML.replace("    version: '2.0'\n",
            "    version: '2.0'\n    submit: {feeType: '02', feeCode: 000010}\n");

        assertThat(error(unquoted, Map.of())).isEqualTo("providers[1].submit.feeType: \"2\" (expected: digits in "
            + "quotes, like '01' or '000010': unquoted, YAML reads them as a number)");
        assertThat(error(octal, Map.of())).startsWith("providers[1].submit.feeCode: \"8\" (expected: digits in quotes");
        assertThat(load(unquoted.replace("feeType: 02", "feeType: '02'")).providers().get(1).submit().feeCode())
            .isEqualTo("000010");
    }

    @Test
    void theOldServiceIdKeyIsReadAsSubmitServiceIdFromAFileSetOrEnvironment() {
        String file = YAML.replace("    version: '2.0'\n", "    version: '2.0'\n    serviceId: OLD\n");

        assertThat(load(file).providers().get(1).serviceId()).isEqualTo("OLD");
        assertThat(load(file).providers().get(1).submit().serviceId()).isEqualTo("OLD");
        assertThat(load(YAML, "providers[0].serviceId=SET").providers().get(0).submit().serviceId()).isEqualTo("SET");
        assertThat(new ConfigLoader(Map.of("CMPPGW_PROVIDERS_0_SERVICEID", "ENV")).parse(YAML, List.of())
            .providers().get(0).submit().serviceId()).isEqualTo("ENV");
        assertThat(new ConfigLoader(Map.of("CMPPGW_PROVIDERS_1_SERVICE_ID", "ENV1")).parse(YAML, List.of())
            .providers().get(1).submit().serviceId()).isEqualTo("ENV1");
        assertThat(new ConfigLoader(Map.of("CMPPGW_PROVIDERS_0_SUBMIT_SERVICE_ID", "ENV2")).parse(YAML, List.of())
            .providers().get(0).submit().serviceId()).isEqualTo("ENV2");
        assertThat(load(file, "providers[1].submit.serviceId=OLD").providers().get(1).serviceId()).isEqualTo("OLD");
        assertThat(new ConfigLoader(Map.of()).parseSection("providers[]",
            "{name: p, host: h, port: 1, account: a, password: s, accessNumber: '1', serviceId: SEC}",
            ProviderConfig.class).submit().serviceId()).isEqualTo("SEC");
    }

    @Test
    void theOldAndTheNewServiceIdKeyWithDifferentValuesAreAnError() {
        String file = YAML.replace("    version: '2.0'\n", "    version: '2.0'\n    serviceId: OLD\n");

        assertThat(error(file, Map.of(), "providers[1].submit.serviceId=NEW")).isEqualTo("providers[1].serviceId: "
            + "\"OLD\" (expected: only providers[1].submit.serviceId, which is \"NEW\"; serviceId directly under a "
            + "provider is the deprecated name of submit.serviceId)");
    }

    @Test
    void theDemoFileStillLoadsWithItsSubmitBlock() {
        GatewayConfig demo = new ConfigLoader(Map.of()).load(ConfigLoaderTest.DEMO, List.of());

        assertThat(demo.providers().get(0).submit()).isEqualTo(SubmitDefaults.NONE);
    }
}
