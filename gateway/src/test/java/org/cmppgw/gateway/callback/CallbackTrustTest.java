package org.cmppgw.gateway.callback;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** callbacks.trustedCertificates is read at start: a wrong file stops the start with the key's name. */
final class CallbackTrustTest {
    @Test
    void noFileMeansTheJvmsCaCertificates() {
        assertThat(CallbackTrust.of("").managers()).isNull();
    }

    @Test
    void aMissingFileIsRefused(@TempDir Path dir) {
        String missing = dir.resolve("missing.pem").toString();
        assertThatThrownBy(() -> CallbackTrust.of(missing)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("callbacks.trustedCertificates").hasMessageContaining("readable PEM file");
    }

    @Test
    void aFileWithoutCertificatesIsRefused(@TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        Path notPem = Files.writeString(dir.resolve("ca.pem"), "not a certificate\n");
        for (Path file : new Path[] {empty, notPem}) {
            assertThatThrownBy(() -> CallbackTrust.of(file.toString())).as(file.toString())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("callbacks.trustedCertificates").hasMessageContaining("expected: PEM CA");
        }
    }
}
