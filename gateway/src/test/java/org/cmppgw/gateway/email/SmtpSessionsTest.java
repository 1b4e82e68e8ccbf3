package org.cmppgw.gateway.email;

import jakarta.mail.internet.MimeMessage;
import org.cmppgw.gateway.config.CircuitBreakerConfig;
import org.cmppgw.gateway.config.EmailProviderConfig;
import org.cmppgw.gateway.config.Secret;
import org.cmppgw.gateway.config.SmtpEncryption;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SmtpSessionsTest {
    @Test
    void aMailNamesTheSendersDomainInItsMessageIdAndItsDateInUtc() throws Exception {
        EmailProviderConfig config = new EmailProviderConfig("mail", "127.0.0.1", 25, SmtpEncryption.NONE, "",
            new Secret(""), "noreply@mail.example.com", 1, 10, false, "", Duration.ofSeconds(10), 5,
            Duration.ofMinutes(1), new CircuitBreakerConfig(50, 20, 5, Duration.ofSeconds(30), 2));
        MailComposer composer = new MailComposer(SmtpSessions.of(config), config.senderAddress());

        Date sentAt = Date.from(Instant.parse("2026-12-04T21:05:09.250Z"));
        MimeMessage mail = composer.compose(new QueuedEmail(9, "app", "to@example.com", List.of(), List.of(), "",
            "subject", "text", null, "", 1), sentAt);

        assertThat(mail.getMessageID()).endsWith("@mail.example.com>");
        assertThat(mail.getHeader("Date", null)).isEqualTo("Fri, 4 Dec 2026 21:05:09 +0000");
        assertThat(mail.getSentDate()).isEqualTo(Date.from(Instant.parse("2026-12-04T21:05:09Z")));
        assertThat(System.getProperty("jakarta.mail.util.StreamProvider"))
            .isEqualTo("org.eclipse.angus.mail.util.MailStreamProvider");
    }
}
