package org.cmppgw.gateway.api;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;

/**
 * The test certificate under {@code src/test/resources/tls/} (self-signed for localhost and 127.0.0.1, generated once
 * with {@code openssl req -x509 -newkey rsa:2048 -nodes -days 36500}; a key for tests only) and a client that trusts
 * exactly it.
 */
public final class TestTls {
    public static final String CERTIFICATE = "/tls/test-cert.pem";
    public static final String PRIVATE_KEY = "/tls/test-key.pem";

    private TestTls() {
    }

    /** {@code --set} overrides that turn HTTPS on with the test certificate. */
    public static String[] overrides() {
        return new String[] {"server.tlsCertificate=" + path(CERTIFICATE), "server.tlsPrivateKey=" + path(PRIVATE_KEY)};
    }

    public static Path path(String resource) {
        try {
            return Path.of(TestTls.class.getResource(resource).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static SSLContext clientContext() {
        try (InputStream in = TestTls.class.getResourceAsStream(CERTIFICATE)) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry("test", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("test certificate unreadable", e);
        }
    }
}
