package org.cmppgw.simulator.smtp;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayOutputStream;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sink over real sockets with Jakarta Mail (Angus) as the client. */
class SmtpSinkIT {
    private static final String HOST = "127.0.0.1";
    private static final String TIMEOUT_MILLIS = "15000";

    private SmtpSink sink;

    @AfterEach
    void stop() {
        if (sink != null) {
            sink.close();
        }
    }

    @Test
    void plainSendIsCountedByMessagesRecipientsAndBytes() throws Exception {
        start(SmtpConfig.defaults().with(Map.of("port", 0, "tlsPort", SmtpConfig.OFF)));
        Session session = session("smtp", new Properties());
        MimeMessage message = message(session, "a@example.com", "b@example.com");

        try (SMTPTransport transport = (SMTPTransport) session.getTransport("smtp")) {
            transport.connect(HOST, sink.port(), null, null);
            transport.sendMessage(message, message.getAllRecipients());
            assertThat(transport.isSSL()).isFalse();
            assertThat(transport.supportsExtension("STARTTLS")).isTrue();
            assertThat(transport.supportsExtension("AUTH")).isFalse();
        }

        assertThat(sink.stats().messages()).isEqualTo(1);
        assertThat(sink.stats().recipients()).isEqualTo(2);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        message.writeTo(wire);
        assertThat(sink.stats().bytes()).isEqualTo(wire.size());
        assertThat(sink.stats().rejectedRecipients()).isZero();
        assertThat(sink.stats().sessions()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PLAIN", "LOGIN"})
    void authAcceptsTheRightPassword(String mechanism) throws Exception {
        start(withAuth());
        Session session = session("smtp", auth(mechanism));
        MimeMessage message = message(session, "a@example.com");

        try (SMTPTransport transport = (SMTPTransport) session.getTransport("smtp")) {
            transport.connect(HOST, sink.port(), "gateway", "right");
            transport.sendMessage(message, message.getAllRecipients());
        }

        assertThat(sink.stats().messages()).isEqualTo(1);
        assertThat(sink.stats().authFailures()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"PLAIN", "LOGIN"})
    void authRefusesAWrongPassword(String mechanism) throws Exception {
        start(withAuth());
        Session session = session("smtp", auth(mechanism));

        try (SMTPTransport transport = (SMTPTransport) session.getTransport("smtp")) {
            assertThatThrownBy(() -> transport.connect(HOST, sink.port(), "gateway", "wrong"))
                .isInstanceOf(AuthenticationFailedException.class);
        }

        assertThat(sink.stats().authFailures()).isEqualTo(1);
        assertThat(sink.stats().messages()).isZero();
    }

    @Test
    void mailBeforeAuthIsRefusedWhenAuthIsRequired() throws Exception {
        start(withAuth());
        Session session = session("smtp", new Properties());
        MimeMessage message = message(session, "a@example.com");

        try (SMTPTransport transport = (SMTPTransport) session.getTransport("smtp")) {
            transport.connect(HOST, sink.port(), null, null);
            assertThatThrownBy(() -> transport.sendMessage(message, message.getAllRecipients()))
                .isInstanceOfSatisfying(SMTPSendFailedException.class, e -> {
                    assertThat(e.getReturnCode()).isEqualTo(530);
                    assertThat(e.getCommand()).startsWith("MAIL FROM");
                });
        }
        assertThat(sink.stats().messages()).isZero();
    }

    @Test
    void starttlsUpgradesToTheGeneratedCertificate() throws Exception {
        start(SmtpConfig.defaults().with(Map.of("port", 0, "tlsPort", 0)));
        Properties props = new Properties();
        props.put("mail.smtp.starttls.enable", "true");
        props.put("mail.smtp.starttls.required", "true");
        props.put("mail.smtp.ssl.socketFactory", trusting(sink));
        Session session = session("smtp", props);
        MimeMessage message = message(session, "a@example.com");

        try (SMTPTransport transport = (SMTPTransport) session.getTransport("smtp")) {
            transport.connect(HOST, sink.port(), null, null);
            assertThat(transport.isSSL()).isTrue();
            transport.sendMessage(message, message.getAllRecipients());
        }

        assertThat(sink.stats().messages()).isEqualTo(1);
        assertThat(sink.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
        assertThat(sink.certificate().getSubjectAlternativeNames()).extracting(name -> (Object) name.get(1))
            .contains((Object) "localhost", "127.0.0.1");
    }

    @Test
    void starttlsFailsForAClientThatDoesNotTrustTheCertificate() throws Exception {
        start(SmtpConfig.defaults().with(Map.of("port", 0, "tlsPort", 0)));
        Properties props = new Properties();
        props.put("mail.smtp.starttls.enable", "true");
        props.put("mail.smtp.starttls.required", "true");
        Session session = session("smtp", props);

        try (SMTPTransport transport = (SMTPTransport) session.getTransport("smtp")) {
            assertThatThrownBy(() -> transport.connect(HOST, sink.port(), null, null))
                .isInstanceOf(MessagingException.class);
        }
        assertThat(sink.stats().messages()).isZero();
    }

    @Test
    void implicitTlsPortSpeaksTlsFromTheFirstByte() throws Exception {
        start(SmtpConfig.defaults().with(Map.of("port", 0, "tlsPort", 0)));
        Properties props = new Properties();
        props.put("mail.smtps.ssl.socketFactory", trusting(sink));
        Session session = session("smtps", props);
        MimeMessage message = message(session, "a@example.com");

        try (SMTPTransport transport = (SMTPTransport) session.getTransport("smtps")) {
            transport.connect(HOST, sink.tlsPort(), null, null);
            assertThat(transport.isSSL()).isTrue();
            transport.sendMessage(message, message.getAllRecipients());
        }

        assertThat(sink.tlsPort()).isNotEqualTo(sink.port());
        assertThat(sink.stats().messages()).isEqualTo(1);
    }

    @Test
    void configuredRecipientsGetTheInjectedRepliesWhileOthersAreAccepted() throws Exception {
        start(new SmtpConfig(HOST, 0, SmtpConfig.OFF, false, "localhost", false, List.of(), List.of(
            new SmtpFailure("busy@example.com", 451, "4.3.0 try later"),
            new SmtpFailure("*@blocked.example", 550, "5.1.1 no such user")), 0, 10, 0));
        Properties props = new Properties();
        props.put("mail.smtp.sendpartial", "true");
        Session session = session("smtp", props);
        MimeMessage message = message(session, "ok@example.com", "busy@example.com", "x@blocked.example");

        List<Integer> codes = new ArrayList<>();
        try (SMTPTransport transport = (SMTPTransport) session.getTransport("smtp")) {
            transport.connect(HOST, sink.port(), null, null);
            assertThatThrownBy(() -> transport.sendMessage(message, message.getAllRecipients()))
                .isInstanceOfSatisfying(SendFailedException.class, e -> {
                    assertThat(e.getValidSentAddresses()).extracting(Object::toString)
                        .containsExactly("ok@example.com");
                    // 4xx is transient: Jakarta Mail files the address as valid but unsent; 5xx as invalid.
                    assertThat(e.getValidUnsentAddresses()).extracting(Object::toString)
                        .containsExactly("busy@example.com");
                    assertThat(e.getInvalidAddresses()).extracting(Object::toString)
                        .containsExactly("x@blocked.example");
                    for (Exception next = e.getNextException(); next instanceof MessagingException m;
                         next = m.getNextException()) {
                        if (m instanceof SMTPAddressFailedException failed) {
                            codes.add(failed.getReturnCode());
                        }
                    }
                });
        }

        assertThat(codes).containsExactlyInAnyOrder(451, 550);
        assertThat(sink.stats().messages()).isEqualTo(1);
        assertThat(sink.stats().recipients()).isEqualTo(1);
        assertThat(sink.stats().rejectedRecipients()).isEqualTo(2);
    }

    private void start(SmtpConfig config) {
        sink = new SmtpSink(config).start();
    }

    private static SmtpConfig withAuth() {
        return new SmtpConfig(HOST, 0, SmtpConfig.OFF, false, "localhost", true,
            List.of(new SmtpUser("gateway", "right")), List.of(), 0, 10, 0);
    }

    private static Properties auth(String mechanism) {
        Properties props = new Properties();
        props.put("mail.smtp.auth", "true");
        props.put("mail.smtp.auth.mechanisms", mechanism);
        return props;
    }

    private static Session session(String protocol, Properties extra) {
        Properties props = new Properties();
        props.put("mail." + protocol + ".connectiontimeout", TIMEOUT_MILLIS);
        props.put("mail." + protocol + ".timeout", TIMEOUT_MILLIS);
        props.put("mail." + protocol + ".writetimeout", TIMEOUT_MILLIS);
        props.putAll(extra);
        return Session.getInstance(props);
    }

    private static MimeMessage message(Session session, String... to) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("gateway@example.com"));
        for (String address : to) {
            message.addRecipient(Message.RecipientType.TO, new InternetAddress(address));
        }
        message.setSubject("sink test");
        message.setText("hello from the sink test\r\n");
        message.saveChanges();
        return message;
    }

    private static SSLSocketFactory trusting(SmtpSink sink) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("sink", sink.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context.getSocketFactory();
    }
}
