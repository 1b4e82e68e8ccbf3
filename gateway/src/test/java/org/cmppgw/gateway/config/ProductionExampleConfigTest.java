package org.cmppgw.gateway.config;

import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.gateway.model.TemplateType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code config/production-example.yaml}, the sample configuration docs/operations.md walks an operator through, loads
 * with the real {@link ConfigLoader} and the environment it names, so the example can never fall behind the keys and
 * checks of the code.
 */
class ProductionExampleConfigTest {
    private static final Path EXAMPLE = Path.of("..", "config", "production-example.yaml");
    /** The secrets the example reads from the environment, with test values. */
    static final Map<String, String> SECRETS = Map.of(
        "DB_PASSWORD", "db-secret-1",
        "CMPP_PASSWORD", "cmpp-secret-2",
        "CMPP_BACKUP_PASSWORD", "cmpp-secret-3",
        "ORDERS_MASTER_SECRET", "orders-secret-4",
        "ALERTS_MASTER_SECRET", "alerts-secret-5",
        "JSMS_DEV_KEY", "0123456789abcdef01234567",
        "JSMS_DEV_SECRET", "dev-secret-6-0123456789ab",
        "OPERATOR_PASSWORD", "operator-secret-7");

    private static GatewayConfig load(Map<String, String> environment) {
        return new ConfigLoader(environment).load(EXAMPLE, List.of());
    }

    @Test
    void loadsWithItsSecretsFromTheEnvironment() {
        GatewayConfig config = load(SECRETS);

        assertThat(config.database().isMariaDb()).isTrue();
        assertThat(config.operators()).singleElement().satisfies(o -> {
            assertThat(o.allowedIps()).containsExactly("10.20.0.0/16");
            assertThat(o.rateLimit()).isEqualTo(20);
        });
        assertThat(config.database().url()).isEqualTo("jdbc:mariadb://db1.sms.internal.example:3306/cmppgw");
        assertThat(config.database().user()).isEqualTo("cmppgw");
        assertThat(config.database().password().value()).isEqualTo("db-secret-1");
        assertThat(config.simulator().embedded()).isFalse();
        assertThat(config.server().managementHost()).isEqualTo("127.0.0.1");
        assertThat(config.server().tls()).isFalse();
        assertThat(config.server().managementTls()).isFalse();

        assertThat(config.providers()).extracting(ProviderConfig::name).containsExactly("cmcc-gd", "cmcc-gd-2");
        ProviderConfig primary = config.provider("cmcc-gd").orElseThrow();
        assertThat(primary.host()).isEqualTo("ismg1.gd.cmcc.example");
        assertThat(primary.port()).isEqualTo(7890);
        assertThat(primary.account()).isEqualTo("923456");
        assertThat(primary.password().value()).isEqualTo("cmpp-secret-2");
        assertThat(primary.accessNumber()).isEqualTo("1069012345");
        assertThat(primary.version()).isEqualTo(CmppVersion.V30);
        assertThat(primary.connections()).isEqualTo(4);
        assertThat(primary.tps()).isEqualTo(200);
        assertThat(primary.submit().serviceId()).isEqualTo("MXY0019901");
        ProviderConfig backup = config.provider("cmcc-gd-2").orElseThrow();
        assertThat(backup.password().value()).isEqualTo("cmpp-secret-3");
        assertThat(backup.connections()).isEqualTo(2);
        assertThat(backup.tps()).isEqualTo(100);
        assertThat(config.routing().defaultProvider()).isEqualTo("cmcc-gd");
        assertThat(config.routing().defaultBackup()).isEqualTo("cmcc-gd-2");

        AppConfig app = config.app("orders-service").orElseThrow();
        assertThat(app.masterSecret().value()).isEqualTo("orders-secret-4");
        assertThat(app.defaultCallbackUrl()).isEqualTo("https://orders.internal.example/sms/callback");
        assertThat(app.callbackUrls()).hasSize(2);
        assertThat(app.allowedIps()).containsExactly("10.20.0.0/16");
        assertThat(app.extension()).isEqualTo("01");
        assertThat(config.signature(app.defaultSignId()).orElseThrow().prefix()).isEqualTo("【示例商城】");
        assertThat(config.template(1).orElseThrow().type()).isEqualTo(TemplateType.CODE);
        assertThat(config.template(2).orElseThrow().content()).contains("{{order}}", "{{tracking}}");
        assertThat(config.callbacks().circuitBreaker().openDuration()).isEqualTo(Duration.ofSeconds(60));

        BillingConfig billing = config.billing();
        assertThat(billing.enabled()).as("production bills; every balance starts at 0").isTrue();
        assertThat(billing.devSecret().value()).isEqualTo("dev-secret-6-0123456789ab");
        assertThat(billing.unbilledApps()).containsExactly(billing.alertApp());
        assertThat(config.template(billing.alertTemplateId()).orElseThrow().content())
            .contains("{{app}}", "{{type}}", "{{balance}}", "{{threshold}}");
        assertThat(billing.alerts()).singleElement().extracting(BalanceAlertConfig::industry).isEqualTo(1000L);
    }

    @Test
    void neverPrintsTheSecretsItRead() {
        String printed = load(SECRETS).toString();

        for (Map.Entry<String, String> secret : SECRETS.entrySet()) {
            if (!secret.getKey().equals("JSMS_DEV_KEY")) { // a key names the account, like an appKey
                assertThat(printed).doesNotContain(secret.getValue());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"DB_PASSWORD", "CMPP_PASSWORD", "CMPP_BACKUP_PASSWORD", "ORDERS_MASTER_SECRET",
        "ALERTS_MASTER_SECRET", "JSMS_DEV_SECRET", "OPERATOR_PASSWORD"})
    void aMissingSecretStopsTheStartNamingTheVariable(String variable) {
        Map<String, String> environment = new HashMap<>(SECRETS);
        environment.remove(variable);

        assertThatThrownBy(() -> load(environment))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("${" + variable + "} is not set");
    }

    @Test
    void httpsTurnsOnWhenBothPemFilesAreGiven() {
        Map<String, String> environment = new HashMap<>(SECRETS);
        environment.put("GW_TLS_CERTIFICATE", "/etc/cmppgw/api.crt");
        environment.put("GW_TLS_PRIVATE_KEY", "/etc/cmppgw/api.key");

        ServerConfig server = load(environment).server();

        assertThat(server.tls()).isTrue();
        assertThat(server.tlsCertificate()).isEqualTo("/etc/cmppgw/api.crt");
        assertThat(server.tlsPrivateKey()).isEqualTo("/etc/cmppgw/api.key");
    }

    @Test
    void aCertificateWithoutItsKeyIsRefusedAtLoad() {
        Map<String, String> environment = new HashMap<>(SECRETS);
        environment.put("GW_TLS_CERTIFICATE", "/etc/cmppgw/api.crt");

        assertThatThrownBy(() -> load(environment))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("server.tlsPrivateKey");
    }
}
