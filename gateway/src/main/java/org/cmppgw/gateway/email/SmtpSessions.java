package org.cmppgw.gateway.email;

import jakarta.mail.Session;
import jakarta.mail.util.StreamProvider;
import org.cmppgw.gateway.config.EmailProviderConfig;
import org.eclipse.angus.mail.util.MailStreamProvider;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Properties;

/**
 * The Jakarta Mail {@link Session} of one SMTP provider (docs/operations.md "SMTP providers"): host, port, timeouts,
 * encryption and AUTH from its configuration. Certificates are checked against the JDK's CAs and the server's name by
 * default; {@code trustedCertificate} adds one certificate (a private relay), {@code trustAll} turns the checks off
 * (test sinks only).
 */
final class SmtpSessions {
    static {
        // Jakarta Mail 2.1 finds its StreamProvider anew, through a ServiceLoader scan of the class path, every time a
        // message or body part is written (an open upstream issue): a sixth of the SMTP sending threads' time in a
        // profile (README "Email"). Named by this property, the lookup is a class load from the loader's cache.
        if (System.getProperty(StreamProvider.class.getName()) == null) {
            System.setProperty(StreamProvider.class.getName(), MailStreamProvider.class.getName());
        }
    }

    private SmtpSessions() {
    }

    /**
     * @throws IllegalArgumentException when {@code trustedCertificate} cannot be read as a PEM certificate
     */
    static Session of(EmailProviderConfig config) {
        Properties props = new Properties();
        String millis = Long.toString(config.timeout().toMillis());
        props.put("mail.smtp.host", config.host());
        props.put("mail.smtp.port", Integer.toString(config.port()));
        props.put("mail.smtp.connectiontimeout", millis);
        props.put("mail.smtp.timeout", millis);
        props.put("mail.smtp.writetimeout", millis);
        props.put("mail.smtp.executor.writetimeout", WriteTimeoutScheduler.SHARED);
        props.put("mail.smtp.from", config.senderAddress());
        // The Message-ID's domain: the sender's, not this host's name, which Jakarta Mail would otherwise look up for
        // every mail (and show to every recipient).
        props.put("mail.from", config.senderAddress());
        // the recipient of a copy decides its outcome; a refused Cc must not hold it back
        props.put("mail.smtp.sendpartial", "true");
        props.put("mail.smtp.auth", Boolean.toString(config.authenticates()));
        switch (config.encryption()) {
            case NONE -> props.put("mail.smtp.starttls.enable", "false");
            case SSL_TLS -> props.put("mail.smtp.ssl.enable", "true");
            case STARTTLS -> {
                props.put("mail.smtp.starttls.enable", "true");
                props.put("mail.smtp.starttls.required", "true");
            }
            default -> throw new IllegalStateException("encryption: " + config.encryption());
        }
        if (config.trustAll()) {
            props.put("mail.smtp.ssl.trust", "*");
            props.put("mail.smtp.ssl.checkserveridentity", "false");
        } else {
            props.put("mail.smtp.ssl.checkserveridentity", "true");
            if (!config.trustedCertificate().isEmpty()) {
                props.put("mail.smtp.ssl.socketFactory", socketFactory(config.name(),
                    Path.of(config.trustedCertificate())));
            }
        }
        return Session.getInstance(props);
    }

    /** A socket factory that trusts the JDK's CAs and the certificate in {@code pem}. */
    private static SSLSocketFactory socketFactory(String provider, Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            Certificate extra = CertificateFactory.getInstance("X.509").generateCertificate(in);
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            jdk.init((KeyStore) null);
            int n = 0;
            for (var manager : jdk.getTrustManagers()) {
                if (manager instanceof javax.net.ssl.X509TrustManager x509) {
                    for (X509Certificate ca : x509.getAcceptedIssuers()) {
                        trust.setCertificateEntry("ca-" + n++, ca);
                    }
                }
            }
            trust.setCertificateEntry("trusted", extra);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("emailProviders[" + provider + "].trustedCertificate: " + pem
                + " (expected: a readable PEM certificate; " + e.getMessage() + ")", e);
        }
    }
}
