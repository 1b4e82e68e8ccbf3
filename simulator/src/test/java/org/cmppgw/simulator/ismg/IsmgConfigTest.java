package org.cmppgw.simulator.ismg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.session.server.TimestampCheck;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IsmgConfigTest {
    // A plain mapper: no naming strategy, no modules, no -parameters. Records bind through their components.
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static IsmgConfig bind(String yaml) throws IOException {
        return YAML.treeToValue(YAML.readTree(yaml).get("ismg"), IsmgConfig.class);
    }

    @Test
    void defaultsAreTheContractOfTheShippedFile() {
        IsmgConfig config = IsmgConfig.defaults();

        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(7890);
        assertThat(config.accounts()).hasSize(1);
        IsmgAccountConfig demo = config.accounts().get(0);
        assertThat(demo.sourceAddr()).isEqualTo("901234");
        assertThat(demo.secret()).isEqualTo("secret");
        assertThat(demo.maxConnections()).isEqualTo(8);
        assertThat(demo.unlimitedTps()).isTrue();
        assertThat(demo.gatewayCodes()).containsExactly(79101);
        assertThat(demo.pinnedVersion()).isEmpty();
        assertThat(config.reports().stats()).isEqualTo(Map.of("DELIVRD", 1));
        assertThat(config.reports().delay().distribution()).isEqualTo(ReportDelay.Distribution.FIXED);
        assertThat(config.reports().delay().millis()).isBetween(1L, 2000L);
        assertThat(config.faults().anySubmitFault()).isFalse();
        assertThat(config.mo().enabled()).isFalse();
        assertThat(config.login().zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(config.login().tolerance()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.login().check()).isEqualTo(TimestampCheck.ENFORCE);
    }

    @Test
    void loginSectionBindsAndValidatesTheTimestampRule() throws IOException {
        LoginConfig login = bind("""
            ismg:
              login: {timestampZone: UTC, timestampToleranceMillis: 0, timestampCheck: WARN}
            """).login();
        assertThat(login.zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(login.tolerance()).isZero();
        assertThat(login.check()).isEqualTo(TimestampCheck.WARN);
        assertThat(login.timestampCheck()).isEqualTo("warn");
        assertThat(bind("ismg: {login: {timestampZone: \"+08:00\"}}").login().zone()).isEqualTo(ZoneOffset.ofHours(8));

        assertThatThrownBy(() -> bind("ismg: {login: {timestampZone: Mars/Olympus}}"))
            .hasMessageContaining("ismg.login.timestampZone: \"Mars/Olympus\" (expected: a zone ID such as "
                + "Asia/Shanghai, UTC or +08:00)");
        assertThatThrownBy(() -> bind("ismg: {login: {timestampToleranceMillis: -1}}"))
            .hasMessageContaining("ismg.login.timestampToleranceMillis: -1 (expected: 0..86400000)");
        assertThatThrownBy(() -> bind("ismg: {login: {timestampCheck: strict}}"))
            .hasMessageContaining("ismg.login.timestampCheck: \"strict\" (expected: enforce, warn or off)");
        assertThatThrownBy(() -> bind("ismg: {login: {zone: UTC}}")).hasMessageContaining("zone");
    }

    @Test
    void sampleFileSpellsOutExactlyTheDefaults() throws IOException {
        JsonNode root;
        try (InputStream in = getClass().getResourceAsStream("/ismg-sample.yaml")) {
            root = YAML.readTree(in);
        }

        IsmgConfig config = YAML.treeToValue(root.get("ismg"), IsmgConfig.class);

        assertThat(config).isEqualTo(IsmgConfig.defaults());
    }

    @Test
    void emptySectionBindsToDefaults() throws IOException {
        assertThat(bind("ismg: {}")).isEqualTo(IsmgConfig.defaults());
    }

    @Test
    void bindsEveryKindOfValue() throws IOException {
        IsmgConfig config = bind("""
            ismg:
              port: 0
              accounts:
                - {sourceAddr: "901234", secret: s1, tps: 500, gatewayCodes: [79101, 79102], version: "2.0"}
                - {sourceAddr: "901235", secret: s2, maxConnections: 2, gatewayCodes: [79101, 79102]}
                - {sourceAddr: "000001", secret: s3, gatewayCodes: [1001], serviceCode: "10660000"}
              reports:
                delay: {distribution: Exponential, meanMillis: 2000}
                stats: {DELIVRD: 95, UNDELIV: 3, EXPIRED: 1, "MK:0001": 1}
              faults: {reportOnOtherConnection: true, withholdResponseEvery: 10, garbageFramed: false}
              mo: {ratePerSecond: 2.5, account: "000001", extensions: ["77"]}
            """);

        assertThat(config.port()).isZero();
        assertThat(config.accounts()).extracting(IsmgAccountConfig::sourceAddr)
            .containsExactly("901234", "901235", "000001");
        assertThat(config.accounts().get(0).tps()).isEqualTo(500);
        assertThat(config.accounts().get(0).pinnedVersion()).contains(CmppVersion.V20);
        assertThat(config.accounts().get(1).maxConnections()).isEqualTo(2);
        assertThat(config.reports().delay().maxMillis()).isEqualTo(20_000L);
        assertThat(config.reports().stats().keySet()).containsExactly("DELIVRD", "UNDELIV", "EXPIRED", "MK:0001");
        assertThat(config.faults().reportOnOtherConnection()).isTrue();
        assertThat(config.faults().withholdResponseEvery()).isEqualTo(10);
        assertThat(config.faults().garbageFramed()).isFalse();
        assertThat(config.faults().anySubmitFault()).isTrue();
        assertThat(config.moAccount().sourceAddr()).isEqualTo("000001");
        assertThat(config.mo().ratePerSecond()).isEqualTo(2.5);
    }

    @Test
    void validationMessagesNameThePathAndTheExpectation() {
        assertThatThrownBy(() -> bind("ismg: {port: 70000}"))
            .isInstanceOf(ValueInstantiationException.class)
            .hasMessageContaining("ismg.port: 70000 (expected: 0..65535)");
        assertThatThrownBy(() -> bind("ismg: {accounts: [{sourceAddr: \"901234\", secret: x, tps: -1}]}"))
            .hasMessageContaining("ismg.accounts[901234].tps: -1 (expected: 0..");
        assertThatThrownBy(() -> bind("ismg: {accounts: [{sourceAddr: \"1234567\", secret: x}]}"))
            .hasMessageContaining("ismg.accounts[].sourceAddr: 1234567 (expected: 1..6 characters)");
        assertThatThrownBy(() -> bind("ismg: {reports: {delay: {distribution: uniform, minMillis: 10}}}"))
            .hasMessageContaining("ismg.reports.delay.maxMillis: null (expected: the upper bound of a uniform delay)");
        assertThatThrownBy(() -> bind("ismg: {reports: {delay: {distribution: gaussian}}}"))
            .hasMessageContaining("ismg.reports.delay.distribution: gaussian (expected: fixed, uniform or "
                + "exponential)");
        assertThatThrownBy(() -> bind("ismg: {reports: {stats: {DELIVERED: 1}}}"))
            .hasMessageContaining("ismg.reports.stats: DELIVERED (expected: a Stat of 1..7 ASCII characters)");
        assertThatThrownBy(() -> bind("ismg: {faults: {duplicateReportShare: 1.5}}"))
            .hasMessageContaining("ismg.faults.duplicateReportShare: 1.5 (expected: 0.0..1.0)");
        assertThatThrownBy(() -> bind("ismg: {mo: {account: \"999999\"}}"))
            .hasMessageContaining("ismg.mo.account: 999999 (expected: a configured sourceAddr)");
        assertThatThrownBy(() -> bind("ismg: {accounts: [{sourceAddr: \"1\", secret: x, version: \"4.0\"}]}"))
            .hasMessageContaining("ismg.accounts[1].version: 4.0 (expected: 2.0, 3.0 or absent)");
    }

    @Test
    void unknownKeysAreRejected() {
        assertThatThrownBy(() -> bind("ismg: {faults: {dropAfter: 3}}"))
            .hasMessageContaining("dropAfter");
    }

    @Test
    void accountsSharingPartOfTheirGatewayCodesAreRejected() {
        IsmgAccountConfig a = new IsmgAccountConfig("1", "x", null, null, List.of(79101, 79102), null, null, null);
        IsmgAccountConfig b = new IsmgAccountConfig("2", "x", null, null, List.of(79102), null, null, null);

        assertThatThrownBy(() -> new IsmgConfig(null, null, null, null, List.of(a, b), null, null, null))
            .hasMessageStartingWith("ismg.accounts[2].gatewayCodes: [79102] (expected: the same list as another");
    }

    @Test
    void duplicateAccountsAndDuplicateCodesAreRejected() {
        IsmgAccountConfig a = IsmgAccountConfig.demo();

        assertThatThrownBy(() -> new IsmgConfig(null, null, null, null, List.of(a, a), null, null, null))
            .hasMessage("ismg.accounts[].sourceAddr: 901234 (expected: unique Source_Addr)");
        assertThatThrownBy(() -> new IsmgAccountConfig("1", "x", null, null, List.of(5, 5), null, null, null))
            .hasMessage("ismg.accounts[1].gatewayCodes: [5, 5] (expected: no code twice)");
    }

    @Test
    void moExtensionMustFitDestIdWithTheServiceCode() {
        MoConfig mo = new MoConfig(1.0, null, null, List.of("123456789012"), null, null, null, null);

        assertThatThrownBy(() -> new IsmgConfig(null, null, null, null, null, null, null, mo))
            .hasMessageStartingWith("ismg.mo.extensions[]: 123456789012 (expected: serviceCode + extension of at "
                + "most 21 digits");
    }

    @Test
    void toStringMasksTheSecret() {
        IsmgAccountConfig account = new IsmgAccountConfig("901234", "hunter2", null, null, null, null, null, null);

        assertThat(account.toString()).doesNotContain("hunter2").contains("secret=******");
        assertThat(IsmgConfig.defaults().toString()).doesNotContain("secret=secret");
    }

    @Test
    void withPortOverridesOnlyThePort() {
        IsmgConfig config = IsmgConfig.defaults().withPort(17890);

        assertThat(config.port()).isEqualTo(17890);
        assertThat(config.accounts()).isEqualTo(IsmgConfig.defaults().accounts());
        assertThatThrownBy(() -> IsmgConfig.defaults().withPort(-1))
            .hasMessage("ismg.port: -1 (expected: 0..65535)");
    }
}
