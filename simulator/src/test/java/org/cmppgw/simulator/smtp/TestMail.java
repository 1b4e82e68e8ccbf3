package org.cmppgw.simulator.smtp;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.util.Properties;

/** One plain-SMTP mail to a sink on 127.0.0.1, sent by a real client (Jakarta Mail) as the gateway would. */
public final class TestMail {
    private TestMail() {
    }

    /** Sends gateway@example.com → someone@example.com through the sink on {@code port}; 15 s socket timeouts. */
    public static void send(int port, String subject, String text) throws MessagingException {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(port));
        props.put("mail.smtp.connectiontimeout", "15000");
        props.put("mail.smtp.timeout", "15000");
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom(new InternetAddress("gateway@example.com"));
        message.addRecipient(Message.RecipientType.TO, new InternetAddress("someone@example.com"));
        message.setSubject(subject);
        message.setText(text);
        Transport.send(message);
    }
}
