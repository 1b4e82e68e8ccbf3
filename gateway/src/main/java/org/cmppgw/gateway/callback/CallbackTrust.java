package org.cmppgw.gateway.callback;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

/**
 * The CA certificates that https callback URLs may present: {@code callbacks.trustedCertificates}, a PEM file read
 * at start, or the JVM's CA certificates when it is empty. The same trust serves the callbacks ({@link CallbackHttp})
 * and the URL checks before them ({@link CallbackUrlVerifier}), so a URL that passes its check is one the callbacks
 * can reach.
 */
public final class CallbackTrust {
    private static final String KEY = "callbacks.trustedCertificates";

    private final TrustManagerFactory trust;

    private CallbackTrust(TrustManagerFactory trust) {
        this.trust = trust;
    }

    /**
     * @param path a PEM file of CA certificates; "" for the JVM's
     * @throws IllegalStateException when the file cannot be read or holds no certificate
     */
    public static CallbackTrust of(String path) {
        return new CallbackTrust(path.isEmpty() ? null : load(path));
    }

    /** The trust managers for the file's certificates; null for the JVM's. */
    TrustManagerFactory managers() {
        return trust;
    }

    /** A client SSL context with this trust; the JVM's default one when no file was given. */
    SSLContext sslContext() {
        try {
            if (trust == null) {
                return SSLContext.getDefault();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("callbacks - cannot set up TLS for https callback URLs", e);
        }
    }

    private static TrustManagerFactory load(String path) {
        Path file = Path.of(path);
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalStateException(KEY + ": \"" + path
                + "\" (expected: a readable PEM file of CA certificates)");
        }
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                .generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IllegalStateException(KEY + ": \"" + path + "\" - holds no certificate (expected: PEM CA"
                    + " certificates)");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + n++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(KEY + ": \"" + path + "\" - cannot load it (" + e.getMessage()
                + "; expected: PEM CA certificates)", e);
        }
    }
}
