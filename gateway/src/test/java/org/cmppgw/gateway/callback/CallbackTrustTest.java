package org.cmppgw.gateway.callback;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** callbacks.trustedCertificates is read when the callback client is made: a wrong file stops the start. */
final class CallbackTrustTest {
    private static CallbackHttp client(String trustedCertificates) {
        return new CallbackHttp(Duration.ofSeconds(2), Duration.ofSeconds(10), 1, trustedCertificates,
            System::nanoTime, () -> { });
    }

    @Test
    void aMissingFileIsRefused(@TempDir Path dir) {
        String missing = dir.resolve("missing.pem").toString();
        assertThatThrownBy(() -> client(missing)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("callbacks.trustedCertificates").hasMessageContaining("readable PEM file");
    }

    @Test
    void aFileWithoutCertificatesIsRefused(@TempDir Path dir) throws Exception {
        Path notPem = Files.writeString(dir.resolve("ca.pem"), "not a certificate\n");
        assertThatThrownBy(() -> client(notPem.toString())).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("callbacks.trustedCertificates").hasMessageContaining("cannot load it");
    }
}
