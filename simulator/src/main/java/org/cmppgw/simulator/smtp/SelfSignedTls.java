package org.cmppgw.simulator.smtp;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.IPAddress;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A throw-away RSA key and self-signed certificate generated at start, wrapped in a server {@link SSLContext}.
 * Its subject alternative names cover the configured host name, the bind address, {@code localhost} and
 * {@code 127.0.0.1}, so clients that check the server identity (Jakarta Mail 2 does by default) accept it once they
 * trust {@link #certificate()}. Built with Bouncy Castle's certificate builder; signed by the JDK's own provider. The
 * SMTP sink's STARTTLS uses it, and so do the gateway's tests of https callback URLs.
 */
public final class SelfSignedTls {
    private static final char[] KEY_PASSWORD = "sink".toCharArray();
    private static final int KEY_BITS = 2048;
    private static final Duration BACKDATE = Duration.ofDays(1);
    private static final Duration VALIDITY = Duration.ofDays(3650);

    private final X509Certificate certificate;
    private final SSLContext context;

    private SelfSignedTls(X509Certificate certificate, SSLContext context) {
        this.certificate = certificate;
        this.context = context;
    }

    /** A certificate for {@code hostName} and {@code bindHost} (plus localhost and 127.0.0.1). */
    public static SelfSignedTls generate(String hostName, String bindHost, Clock clock) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(KEY_BITS);
            KeyPair keys = generator.generateKeyPair();
            X509Certificate certificate = certificate(hostName, bindHost, keys, clock.instant());
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry("sink", keys.getPrivate(), KEY_PASSWORD, new Certificate[] {certificate});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore, KEY_PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return new SelfSignedTls(certificate, context);
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("tls - cannot create a self-signed certificate for " + hostName, e);
        }
    }

    private static X509Certificate certificate(String hostName, String bindHost, KeyPair keys, Instant now)
        throws CertIOException, OperatorCreationException, GeneralSecurityException {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, hostName).build();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
            BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(BACKDATE)), Date.from(now.plus(VALIDITY)),
            subject, keys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames(hostName, bindHost));
        return new JcaX509CertificateConverter()
            .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
    }

    private static GeneralNames alternativeNames(String... hosts) {
        Set<String> names = new LinkedHashSet<>();
        for (String host : hosts) {
            names.add(host);
        }
        names.add("localhost");
        names.add("127.0.0.1");
        return new GeneralNames(names.stream()
            .map(n -> new GeneralName(IPAddress.isValid(n) ? GeneralName.iPAddress : GeneralName.dNSName, n))
            .toArray(GeneralName[]::new));
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The certificate as PEM text, for a client's file of trusted certificates. */
    public String certificatePem() {
        try {
            String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(certificate.getEncoded());
            return "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("tls - cannot encode the certificate", e);
        }
    }

    public SSLContext context() {
        return context;
    }

    /** Wraps an accepted plain socket for STARTTLS, as the server side, with the JDK's default protocols. */
    SSLSocket wrapForStartTls(Socket socket) throws IOException {
        InetSocketAddress remote = (InetSocketAddress) socket.getRemoteSocketAddress();
        // getHostString, not getHostName: no reverse DNS lookup per connection.
        SSLSocket ssl = (SSLSocket) context.getSocketFactory()
            .createSocket(socket, remote.getHostString(), socket.getPort(), true);
        ssl.setUseClientMode(false);
        return ssl;
    }
}
