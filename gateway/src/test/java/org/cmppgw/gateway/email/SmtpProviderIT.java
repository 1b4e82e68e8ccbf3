package org.cmppgw.gateway.email;

import org.cmppgw.gateway.config.CircuitBreakerConfig;
import org.cmppgw.gateway.config.EmailProviderConfig;
import org.cmppgw.gateway.config.Secret;
import org.cmppgw.gateway.config.SmtpEncryption;
import org.cmppgw.gateway.metrics.GatewayMetrics;
import org.cmppgw.simulator.smtp.SmtpConfig;
import org.cmppgw.simulator.smtp.SmtpFailure;
import org.cmppgw.simulator.smtp.SmtpSink;
import org.cmppgw.simulator.smtp.SmtpUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An SMTP provider against the simulator's sink over real sockets (issue 11): plain, STARTTLS and implicit TLS, AUTH
 * with the right and a wrong password, certificate checks on by default, 4xx then success, 5xx, the sink stopped and
 * started again, and connections opened far fewer than mails sent.
 */
class SmtpProviderIT {
    private static final String HOST = "127.0.0.1";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private final List<SmtpSink> sinks = new ArrayList<>();
    private final BlockingQueue<SendResult> results = new LinkedBlockingQueue<>();
    private SmtpProvider provider;
    private long nextId = 1;

    @AfterEach
    void stop() {
        if (provider != null) {
            provider.stop();
        }
        sinks.forEach(SmtpSink::close);
    }

    private SmtpSink sink(SmtpConfig config) {
        SmtpSink sink = new SmtpSink(config).start();
        sinks.add(sink);
        return sink;
    }

    private static SmtpConfig plainSink(int port) {
        return SmtpConfig.defaults().with(Map.of("port", port, "tlsPort", SmtpConfig.OFF));
    }

    private static EmailProviderConfig config(int port, SmtpEncryption encryption, String account, String password,
                                              boolean trustAll, String trusted, int connections, int maxAttempts) {
        return new EmailProviderConfig("mail", HOST, port, encryption, account, new Secret(password),
            "noreply@example.com", connections, 10_000, trustAll, trusted, Duration.ofSeconds(10), maxAttempts,
            Duration.ofMinutes(1), new CircuitBreakerConfig(50, 20, 5, Duration.ofSeconds(30), 2));
    }

    private static EmailProviderConfig plain(int port) {
        return config(port, SmtpEncryption.NONE, "", "", false, "", 1, 5);
    }

    private void start(EmailProviderConfig config) {
        provider = new SmtpProvider(config, new GatewayMetrics() { }, Clock.systemUTC(), results::add);
        provider.start();
    }

    private QueuedEmail mail(String to, int attempt) {
        return new QueuedEmail(nextId++, "app", to, List.of(), List.of(), "Shop", "Hello", "hi there",
            "<p>hi there</p>", "", attempt);
    }

    private SendResult send(QueuedEmail email) throws InterruptedException {
        assertThat(provider.offer(email)).isTrue();
        SendResult result = results.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(result).as("outcome of email " + email.id()).isNotNull();
        assertThat(result.email().id()).isEqualTo(email.id());
        return result;
    }

    @Test
    void plainSmtpDeliversAndRecordsTheServersReply() throws Exception {
        SmtpSink sink = sink(plainSink(0));
        start(plain(sink.port()));

        SendResult result = send(mail("a@example.com", 1));

        assertThat(result.kind()).isEqualTo(SendResult.Kind.DELIVERED);
        assertThat(result.reply()).startsWith("250");
        assertThat(result.provider()).isEqualTo("mail");
        assertThat(sink.stats().messages()).isEqualTo(1);
    }

    @Test
    void starttlsDeliversWhenTheSinksCertificateIsTrusted() throws Exception {
        SmtpSink sink = sink(SmtpConfig.defaults().with(Map.of("port", 0, "tlsPort", SmtpConfig.OFF)));
        start(config(sink.port(), SmtpEncryption.STARTTLS, "", "", false, pem(sink), 1, 5));

        assertThat(send(mail("a@example.com", 1)).kind()).isEqualTo(SendResult.Kind.DELIVERED);
        assertThat(sink.stats().messages()).isEqualTo(1);
    }

    @Test
    void certificatesAreCheckedByDefault() throws Exception {
        SmtpSink sink = sink(SmtpConfig.defaults().with(Map.of("port", 0, "tlsPort", SmtpConfig.OFF)));
        start(config(sink.port(), SmtpEncryption.STARTTLS, "", "", false, "", 1, 5));

        SendResult result = send(mail("a@example.com", 1));

        assertThat(result.kind()).isEqualTo(SendResult.Kind.RETRY);
        assertThat(result.reply()).contains("cannot connect");
        assertThat(sink.stats().messages()).isZero();
    }

    @Test
    void implicitTlsDeliversWithTrustAll() throws Exception {
        SmtpSink sink = sink(SmtpConfig.defaults().with(Map.of("port", 0, "tlsPort", 0)));
        start(config(sink.tlsPort(), SmtpEncryption.SSL_TLS, "", "", true, "", 1, 5));

        assertThat(send(mail("a@example.com", 1)).kind()).isEqualTo(SendResult.Kind.DELIVERED);
        assertThat(sink.stats().messages()).isEqualTo(1);
    }

    @Test
    void authWithTheRightPasswordDeliversAndAWrongOneIsRetried() throws Exception {
        SmtpSink sink = sink(SmtpConfig.defaults().with(Map.of("port", 0, "tlsPort", SmtpConfig.OFF,
            "authRequired", true, "users", List.of(new SmtpUser("shop", "right-pw")))));
        start(config(sink.port(), SmtpEncryption.STARTTLS, "shop", "right-pw", true, "", 1, 5));
        assertThat(send(mail("a@example.com", 1)).kind()).isEqualTo(SendResult.Kind.DELIVERED);
        provider.stop();

        start(config(sink.port(), SmtpEncryption.STARTTLS, "shop", "wrong-pw", true, "", 1, 5));
        SendResult refused = send(mail("b@example.com", 1));

        assertThat(refused.kind()).isEqualTo(SendResult.Kind.RETRY);
        assertThat(refused.reply()).contains("log in");
        assertThat(sink.stats().authFailures()).isEqualTo(1);
        assertThat(sink.stats().messages()).isEqualTo(1);
    }

    @Test
    void a5xxReplyFailsTheMailWithTheReply() throws Exception {
        SmtpSink sink = sink(plainSink(0).with(Map.of("failures",
            List.of(new SmtpFailure("gone@example.com", 550, "5.1.1 no such user")))));
        start(plain(sink.port()));

        SendResult result = send(mail("gone@example.com", 1));

        assertThat(result.kind()).isEqualTo(SendResult.Kind.FAILED);
        assertThat(result.reply()).contains("550").contains("no such user");
        assertThat(send(mail("ok@example.com", 1)).kind()).as("the connection stays usable")
            .isEqualTo(SendResult.Kind.DELIVERED);
    }

    @Test
    void a4xxReplyIsRetriedLaterThenDelivered() throws Exception {
        SmtpSink busy = sink(plainSink(0).with(Map.of("failures",
            List.of(new SmtpFailure("a@example.com", 451, "4.3.0 try later")))));
        int port = busy.port();
        start(plain(port));
        long before = System.currentTimeMillis();

        SendResult first = send(mail("a@example.com", 1));

        assertThat(first.kind()).isEqualTo(SendResult.Kind.RETRY);
        assertThat(first.reply()).contains("451");
        assertThat(first.dueAtMillis()).isGreaterThanOrEqualTo(before + Duration.ofMinutes(1).toMillis());
        busy.close();
        SmtpSink fine = sink(plainSink(port));

        assertThat(send(mail("a@example.com", 2)).kind()).isEqualTo(SendResult.Kind.DELIVERED);
        assertThat(fine.stats().messages()).isEqualTo(1);
    }

    @Test
    void aTransientFailureAtTheLastAttemptIsFinal() throws Exception {
        SmtpSink busy = sink(plainSink(0).with(Map.of("failures",
            List.of(new SmtpFailure("a@example.com", 451, "4.3.0 try later")))));
        start(config(busy.port(), SmtpEncryption.NONE, "", "", false, "", 1, 3));

        SendResult result = send(mail("a@example.com", 3));

        assertThat(result.kind()).isEqualTo(SendResult.Kind.FAILED);
        assertThat(result.reply()).contains("451").contains("attempt 3 of 3");
    }

    @Test
    void aStoppedSinkIsRetriedAndTheMailGoesOnceItIsBack() throws Exception {
        SmtpSink first = sink(plainSink(0));
        int port = first.port();
        start(plain(port));
        assertThat(send(mail("a@example.com", 1)).kind()).isEqualTo(SendResult.Kind.DELIVERED);
        first.close();

        SendResult whileDown = send(mail("b@example.com", 1));
        assertThat(whileDown.kind()).isEqualTo(SendResult.Kind.RETRY);

        SmtpSink again = sink(plainSink(port));
        assertThat(send(mail("b@example.com", 2)).kind()).isEqualTo(SendResult.Kind.DELIVERED);
        assertThat(again.stats().messages()).isEqualTo(1);
    }

    @Test
    void connectionsAreReusedForManyMails() throws Exception {
        SmtpSink sink = sink(SmtpConfig.defaults().with(Map.of("port", 0, "tlsPort", SmtpConfig.OFF)));
        start(config(sink.port(), SmtpEncryption.STARTTLS, "", "", true, "", 2, 5));
        int mails = 60;
        int delivered = 0;
        for (int i = 0; i < mails; i++) {
            while (!provider.offer(mail("r" + i + "@example.com", 1))) {
                SendResult result = results.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                assertThat(result).isNotNull();
                delivered += result.kind() == SendResult.Kind.DELIVERED ? 1 : 0;
            }
        }
        while (delivered < mails) {
            SendResult result = results.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(result).isNotNull();
            assertThat(result.kind()).isEqualTo(SendResult.Kind.DELIVERED);
            delivered++;
        }

        assertThat(sink.stats().messages()).isEqualTo(mails);
        assertThat(sink.stats().sessions()).isBetween(1L, 2L);
        assertThat(provider.connectionsOpened()).isBetween(1L, 2L);
    }

    @Test
    void aConnectionDroppedBeforeTheAnswerSendsTheMailOnceMore() throws Exception {
        try (DroppingSmtpServer server = new DroppingSmtpServer(1)) {
            start(plain(server.port()));

            SendResult result = send(mail("a@example.com", 1));

            assertThat(result.kind()).isEqualTo(SendResult.Kind.DELIVERED);
            assertThat(result.resends()).isEqualTo(1);
            assertThat(server.sessions()).isEqualTo(2);
            assertThat(server.accepted()).isEqualTo(1);
        }
    }

    @Test
    void aSecondDropIsRetriedLaterNotResentAgain() throws Exception {
        try (DroppingSmtpServer server = new DroppingSmtpServer(2)) {
            start(plain(server.port()));

            SendResult result = send(mail("a@example.com", 1));

            assertThat(result.kind()).isEqualTo(SendResult.Kind.RETRY);
            assertThat(result.resends()).isEqualTo(1);
            assertThat(result.reply()).contains("connection lost");
            assertThat(server.accepted()).isZero();
        }
    }

    /** The sink's certificate as a PEM file. */
    private String pem(SmtpSink sink) throws Exception {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(sink.certificate().getEncoded());
        Path file = dir.resolve("sink.pem");
        Files.writeString(file, "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n");
        return file.toString();
    }
}
