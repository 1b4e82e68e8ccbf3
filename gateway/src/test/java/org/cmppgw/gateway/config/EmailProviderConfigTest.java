package org.cmppgw.gateway.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code emailProviders} (issue 11): documented defaults, a clear error per bad value, the password never shown. */
final class EmailProviderConfigTest {
    private static final Path DEMO = Path.of("..", "config", "gateway.yaml");
    private static final List<String> MAIL = List.of("emailProviders[0].name=mail",
        "emailProviders[0].host=smtp.example.com", "emailProviders[0].port=587",
        "emailProviders[0].senderAddress=noreply@example.com");

    private static GatewayConfig demo(String... more) {
        List<String> overrides = new ArrayList<>(MAIL);
        overrides.addAll(List.of(more));
        return new ConfigLoader(Map.of()).load(DEMO, overrides);
    }

    @Test
    void theDemoHasNoEmailProviderAndEveryDefaultIsTheDocumentedOne() {
        assertThat(new ConfigLoader(Map.of()).load(DEMO, List.of()).emailProviders()).isEmpty();
        EmailProviderConfig mail = demo().emailProviders().get(0);
        assertThat(mail.encryption()).isEqualTo(SmtpEncryption.STARTTLS);
        assertThat(mail.authenticates()).isFalse();
        assertThat(mail.connections()).isEqualTo(2);
        assertThat(mail.tps()).isEqualTo(50);
        assertThat(mail.trustAll()).isFalse();
        assertThat(mail.trustedCertificate()).isEmpty();
        assertThat(mail.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(mail.maxAttempts()).isEqualTo(5);
        assertThat(mail.retryDelay()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void encryptionIsReadInAnyCase() {
        assertThat(demo("emailProviders[0].encryption=ssl_tls").emailProviders().get(0).encryption())
            .isEqualTo(SmtpEncryption.SSL_TLS);
        assertThat(demo("emailProviders[0].encryption=none").emailProviders().get(0).encryption())
            .isEqualTo(SmtpEncryption.NONE);
    }

    @Test
    void badValuesAreRefusedWithTheirPath() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(DEMO, List.of("emailProviders[0].name=mail")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("emailProviders[0].host: missing");
        assertThatThrownBy(() -> demo("emailProviders[0].encryption=TLS1")).isInstanceOf(ConfigException.class)
            .hasMessageContaining("emailProviders[0].encryption");
        assertThatThrownBy(() -> demo("emailProviders[0].senderAddress=nobody")).isInstanceOf(ConfigException.class)
            .hasMessageContaining("emailProviders[0].senderAddress");
        assertThatThrownBy(() -> demo("emailProviders[0].account=me")).isInstanceOf(ConfigException.class)
            .hasMessageContaining("emailProviders[0].password");
        assertThatThrownBy(() -> demo("emailProviders[0].connections=0")).isInstanceOf(ConfigException.class)
            .hasMessageContaining("emailProviders[0].connections");
        assertThatThrownBy(() -> demo("emailProviders[0].trustAll=true",
            "emailProviders[0].trustedCertificate=/etc/relay.pem")).isInstanceOf(ConfigException.class)
            .hasMessageContaining("trustAll");
        assertThatThrownBy(() -> demo("emailProviders[0].sender=noreply@example.com"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("emailProviders[0].sender");
        assertThatThrownBy(() -> demo("emailProviders[1].name=mail", "emailProviders[1].host=b",
            "emailProviders[1].port=25", "emailProviders[1].senderAddress=a@example.com"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("emailProviders[1].name");
    }

    @Test
    void thePasswordIsNeverPrinted() {
        EmailProviderConfig mail = demo("emailProviders[0].account=me",
            "emailProviders[0].password=s3cret-pw").emailProviders().get(0);
        assertThat(mail.password().value()).isEqualTo("s3cret-pw");
        assertThat(mail.toString()).doesNotContain("s3cret-pw");
    }

    @Test
    void retriesBackOffUpToAnHour() {
        EmailProviderConfig mail = demo().emailProviders().get(0);
        assertThat(mail.retryDelayAfter(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(mail.retryDelayAfter(3)).isEqualTo(Duration.ofMinutes(4));
        assertThat(mail.retryDelayAfter(30)).isEqualTo(EmailProviderConfig.MAX_RETRY_DELAY);
    }
}
