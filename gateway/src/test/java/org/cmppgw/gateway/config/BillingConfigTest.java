package org.cmppgw.gateway.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code billing} section: documented defaults, values read, and a clear error naming the key for each bad one. */
final class BillingConfigTest {
    private static final String ALERTED = "billing.alerts[0].appKey=demo-app-key";
    private static final String CONTACT = "billing.alerts[0].mobiles=[13800138000]";

    private static GatewayConfig demo(String... overrides) {
        return new ConfigLoader(Map.of()).load(Path.of("..", "config", "gateway.yaml"), List.of(overrides));
    }

    private static String error(String... overrides) {
        try {
            demo(overrides);
        } catch (ConfigException e) {
            return e.getMessage();
        }
        throw new AssertionError("loaded with " + List.of(overrides) + " (expected: a ConfigException)");
    }

    @Test
    void theDemoDoesNotBillAndOpensNoAccountQuery() {
        BillingConfig billing = demo().billing();
        assertThat(billing.enabled()).isFalse();
        assertThat(billing.unbilledApps()).isEmpty();
        assertThat(billing.hasDevCredentials()).isFalse();
        assertThat(billing.alertApp()).isEmpty();
        assertThat(billing.alertInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(billing.alerts()).isEmpty();
    }

    @Test
    void valuesAreReadAndTheDevSecretNeverPrinted() {
        GatewayConfig config = demo("billing.enabled=true", "billing.unbilledApps=[demo-app-key]",
            "billing.devKey=0123456789abcdef01234567", "billing.devSecret=s3cret-dev-secret", "billing.alertApp="
                + "demo-app-key", "billing.alertTemplateId=1", ALERTED, CONTACT, "billing.alerts[0].industry=100");
        BillingConfig billing = config.billing();
        assertThat(billing.enabled()).isTrue();
        assertThat(billing.unbilledApps()).containsExactly("demo-app-key");
        assertThat(billing.devSecret().value()).isEqualTo("s3cret-dev-secret");
        assertThat(config.toString()).doesNotContain("s3cret-dev-secret");
        assertThat(billing.alerts()).singleElement().satisfies(a -> {
            assertThat(a.mobiles()).containsExactly("13800138000");
            assertThat(a.industry()).isEqualTo(100);
            assertThat(a.market()).as("default: no alert").isZero();
        });
    }

    @Test
    void badValuesAreRefusedNamingTheKey() {
        assertThat(error("billing.unbilledApps=[nobody]")).contains("billing.unbilledApps[0]").contains("nobody");
        assertThat(error("billing.devKey=abc")).contains("billing.devSecret");
        assertThat(error("billing.devKey=abc", "billing.devSecret=short")).contains("billing.devSecret")
            .contains("at least 8");
        assertThat(error("billing.alertApp=demo-app-key")).contains("billing.alertTemplateId");
        assertThat(error("billing.alertApp=demo-app-key", "billing.alertTemplateId=999"))
            .contains("billing.alertTemplateId: 999");
        assertThat(error("billing.alertApp=nobody", "billing.alertTemplateId=1")).contains("billing.alertApp");
        assertThat(error(ALERTED, CONTACT)).as("alerts need a sender").contains("billing.alertApp");
        assertThat(error("billing.alertApp=demo-app-key", "billing.alertTemplateId=1", ALERTED, CONTACT,
            "billing.alerts[0].industry=99")).contains("billing.alerts[0].industry: 99");
        assertThat(error("billing.alertApp=demo-app-key", "billing.alertTemplateId=1", ALERTED,
            "billing.alerts[0].mobiles=[1380013800]")).contains("billing.alerts[0].mobiles[0]");
        assertThat(error("billing.alertApp=demo-app-key", "billing.alertTemplateId=1", ALERTED))
            .contains("billing.alerts[0].mobiles");
        assertThat(error("billing.alertApp=demo-app-key", "billing.alertTemplateId=1",
            "billing.alerts[0].appKey=nobody", CONTACT)).contains("billing.alerts[0].appKey");
        assertThat(error("billing.alertInterval=0s")).contains("billing.alertInterval");
    }
}
