package org.cmppgw.gateway.email;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimeMultipart;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;

/**
 * Builds the MIME message of one copy (docs/api.md "Emails"): From is the provider's sender address with the
 * request's display name, To the copy's recipient, Cc the copies; a text or HTML body, or both as
 * multipart/alternative; UTF-8 throughout. The envelope adds Bcc, which never appears in a header.
 */
final class MailComposer {
    /** Names the gateway's id in every mail, so a bounce or a support question can be traced. */
    static final String ID_HEADER = "X-Email-Id";
    private static final String TRANSFER_ENCODING = "Content-Transfer-Encoding";
    private static final String UTF_8 = StandardCharsets.UTF_8.name();
    /** RFC 5322 §3.3 date-time, in UTC. */
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.US)
        .withZone(ZoneOffset.UTC);

    private final Session session;
    private final String senderAddress;

    MailComposer(Session session, String senderAddress) {
        this.session = session;
        this.senderAddress = senderAddress;
    }

    MimeMessage compose(QueuedEmail email, Date sentAt) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        try {
            message.setFrom(email.senderName().isEmpty() ? new InternetAddress(senderAddress)
                : new InternetAddress(senderAddress, email.senderName(), UTF_8));
        } catch (UnsupportedEncodingException e) {
            throw new MessagingException("email - UTF-8 is not supported", e);
        }
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(email.recipient()));
        if (!email.cc().isEmpty()) {
            message.setRecipients(Message.RecipientType.CC, addresses(email.cc()));
        }
        message.setSubject(email.subject(), UTF_8);
        // MimeMessage.setSentDate formats through one shared, synchronized formatter: every sending thread queued on it
        message.setHeader("Date", DATE.format(sentAt.toInstant()));
        message.setHeader(ID_HEADER, Long.toString(email.id()));
        if (email.text() != null && email.html() != null) {
            MimeMultipart alternative = new MimeMultipart("alternative");
            MimeBodyPart text = new MimeBodyPart();
            setBody(text, email.text(), "plain");
            MimeBodyPart html = new MimeBodyPart();
            setBody(html, email.html(), "html");
            alternative.addBodyPart(text);
            alternative.addBodyPart(html);
            message.setContent(alternative);
        } else if (email.html() != null) {
            setBody(message, email.html(), "html");
        } else {
            setBody(message, email.text(), "plain");
        }
        message.saveChanges();
        return message;
    }

    /** A UTF-8 text body with its transfer encoding chosen here, not by Jakarta Mail ({@link TransferEncoding}). */
    private static void setBody(MimePart part, String body, String subtype) throws MessagingException {
        part.setText(body, UTF_8, subtype);
        part.setHeader(TRANSFER_ENCODING, TransferEncoding.of(body));
    }

    /** Every envelope recipient: the copy's, its Cc and its Bcc. */
    static InternetAddress[] envelope(QueuedEmail email) throws MessagingException {
        List<String> all = new ArrayList<>(1 + email.cc().size() + email.bcc().size());
        all.add(email.recipient());
        all.addAll(email.cc());
        all.addAll(email.bcc());
        return addresses(all);
    }

    private static InternetAddress[] addresses(List<String> list) throws MessagingException {
        InternetAddress[] out = new InternetAddress[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = new InternetAddress(list.get(i));
        }
        return out;
    }
}
