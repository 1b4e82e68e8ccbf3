package org.cmppgw.gateway.email;

import jakarta.activation.DataHandler;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The encoding chosen from the String is the one Jakarta Mail chooses by writing the body, for every kind of text. */
class TransferEncodingTest {
    static Stream<String> bodies() {
        return Stream.of(
            "",
            "Your order 42 has shipped.\r\nTrack it at https://example.com/t/abc\r\n\tThanks",
            "x".repeat(998),
            "x".repeat(999),
            "line one\n" + "y".repeat(1200) + "\nline three",
            "Grüße aus München, Ihre Bestellung ist unterwegs.",
            "您的验证码是123456，五分钟内有效。",
            "a bell \u0007 and a NUL \u0000 in ASCII text",
            "mostly Chinese 中文中文中文中文中文中文中文中文中文中文",
            "emoji 😀 once",
            "<p>Hello <b>Tom</b></p>");
    }

    @ParameterizedTest
    @MethodSource("bodies")
    void choosesWhatJakartaMailWouldChoose(String body) {
        DataHandler handler = new DataHandler(body, "text/plain; charset=UTF-8");

        assertThat(TransferEncoding.of(body)).isEqualTo(MimeUtility.getEncoding(handler));
    }

    @ParameterizedTest
    @MethodSource("bodies")
    void aComposedMailCarriesTheBodyUnchanged(String body) throws Exception {
        MailComposer composer = new MailComposer(Session.getInstance(new Properties()), "noreply@example.com");
        QueuedEmail email = new QueuedEmail(7, "app", "to@example.com", List.of(), List.of(), "", "s", body, null,
            "", 1);

        MimeMessage sent = composer.compose(email, new Date());
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        sent.writeTo(wire);
        MimeMessage received = new MimeMessage(Session.getInstance(new Properties()),
            new java.io.ByteArrayInputStream(wire.toByteArray()));

        assertThat(received.getEncoding()).isEqualTo(TransferEncoding.of(body));
        // a mail's lines end in CRLF on the wire, whatever ended them in the body
        assertThat(((String) received.getContent()).replace("\r\n", "\n")).isEqualTo(body.replace("\r\n", "\n"));
        assertThat(wire.toString(StandardCharsets.US_ASCII)).contains("Content-Transfer-Encoding: "
            + TransferEncoding.of(body));
    }
}
