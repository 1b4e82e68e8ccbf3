package org.cmppgw.gateway.email;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.cmppgw.gateway.config.EmailProviderConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Date;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One sending thread of an {@link SmtpProvider} with the SMTP connection it owns: connected on the first mail, kept
 * open and reused, checked with a NOOP after an idle spell (servers drop idle clients), reconnected when it broke.
 * Outcomes (docs/api.md "Emails"): 2xx delivered; 5xx failed with the reply; 4xx, an unreachable server or a failed
 * login retried later (failed at the provider's last attempt); a connection that drops during the mail transaction,
 * when the server may or may not have taken the mail, sends it once more at once, counted.
 */
final class SmtpLane implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(SmtpLane.class);
    private static final long POLL_MILLIS = 200;
    /** Idle longer than this, the connection is checked with a NOOP before the next mail. */
    private static final long IDLE_CHECK_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** A mail not tried (breaker open, stopping) is due again after this. */
    private static final Duration DEFER_DELAY = Duration.ofSeconds(1);
    /** "Service not available, closing transmission channel": the server hangs up after this reply. */
    private static final int CLOSING = 421;

    private final SmtpProvider provider;
    private final EmailProviderConfig config;
    private final BlockingQueue<QueuedEmail> queue;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private Transport transport;
    private long lastUsedNanos;

    SmtpLane(SmtpProvider provider, BlockingQueue<QueuedEmail> queue) {
        this.provider = provider;
        this.config = provider.config();
        this.queue = queue;
    }

    @Override
    public void run() {
        try {
            while (running) {
                QueuedEmail email = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (email != null) {
                    provider.report(sendSafely(email));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            disconnect();
            stopped.countDown();
        }
    }

    void stop() {
        running = false;
    }

    void awaitStopped(Duration timeout) {
        try {
            if (!stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("email provider={} - a sending thread did not stop within {}", config.name(), timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private SendResult sendSafely(QueuedEmail email) {
        try {
            return send(email);
        } catch (RuntimeException e) {
            LOG.warn("email provider={} - sending email {} failed unexpectedly", config.name(), email.id(), e);
            disconnect();
            return transientFailure(email, "gateway: " + e, 0);
        }
    }

    SendResult send(QueuedEmail email) {
        if (!provider.breaker().tryAcquirePermission()) {
            return defer(email);
        }
        while (!provider.limiter().acquirePermission()) {
            if (!running) {
                provider.breaker().releasePermission();
                return defer(email);
            }
        }
        MimeMessage message;
        InternetAddress[] envelope;
        try {
            message = provider.composer().compose(email, Date.from(provider.clock().instant()));
            envelope = MailComposer.envelope(email);
        } catch (MessagingException e) {
            provider.breaker().releasePermission();
            return finalResult(email, SendResult.Kind.FAILED, "gateway: cannot build the mail ("
                + SmtpReplies.firstLine(e.getMessage()) + ")", 0);
        }
        for (int resends = 0; ; resends++) {
            SendResult result = attempt(email, message, envelope, resends);
            if (result != null) {
                return result;
            }
            provider.metrics().emailSend(config.name(), "resent");
        }
    }

    /**
     * One try over this lane's connection; null when the connection dropped before the server's answer and the mail
     * is to be sent once more at once (the outcome is unknown: the server may have it).
     */
    private SendResult attempt(QueuedEmail email, MimeMessage message, InternetAddress[] envelope, int resends) {
        long start = System.nanoTime();
        try {
            connect();
        } catch (MessagingException e) {
            disconnect();
            provider.breaker().onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            String why = reason(e);
            provider.connectFailed(why);
            return transientFailure(email, "gateway: cannot connect or log in (" + why + ")", resends);
        }
        try {
            transport.sendMessage(message, envelope);
            lastUsedNanos = System.nanoTime();
            provider.breaker().onSuccess(lastUsedNanos - start, TimeUnit.NANOSECONDS);
            return finalResult(email, SendResult.Kind.DELIVERED, lastReply(), resends);
        } catch (SendFailedException e) {
            SmtpReplies.Reply reply = SmtpReplies.of(e, email.recipient());
            if (!reply.answered()) {
                // Jakarta Mail reports a connection closed before the reply as a send failure without a code
                return connectionLost(email, e, reply.text(), start, resends);
            }
            lastUsedNanos = System.nanoTime();
            // the server answered: it works, whatever it thinks of this mail
            provider.breaker().onSuccess(lastUsedNanos - start, TimeUnit.NANOSECONDS);
            if (reply.code() == CLOSING) {
                disconnect();
            }
            if (reply.accepted()) {
                return finalResult(email, SendResult.Kind.DELIVERED, reply.text(), resends);
            }
            return reply.permanent() ? finalResult(email, SendResult.Kind.FAILED, reply.text(), resends)
                : transientFailure(email, reply.text(), resends);
        } catch (MessagingException e) {
            return connectionLost(email, e, reason(e), start, resends);
        }
    }

    /** The connection broke inside the mail transaction: send once more at once (null), else retry later. */
    private SendResult connectionLost(QueuedEmail email, MessagingException e, String why, long start,
                                      int resends) {
        disconnect();
        if (resends == 0 && running) {
            return null;
        }
        provider.breaker().onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
        return transientFailure(email, "gateway: connection lost during the mail (" + why + ")", resends);
    }

    private void connect() throws MessagingException {
        if (transport != null) {
            if (System.nanoTime() - lastUsedNanos < IDLE_CHECK_NANOS || transport.isConnected()) {
                return;
            }
            disconnect();
        }
        Transport fresh = provider.session().getTransport("smtp");
        if (config.authenticates()) {
            fresh.connect(config.host(), config.port(), config.account(), config.password().value());
        } else {
            fresh.connect(config.host(), config.port(), null, null);
        }
        transport = fresh;
        lastUsedNanos = System.nanoTime();
        provider.connectionOpened();
    }

    private void disconnect() {
        if (transport == null) {
            return;
        }
        try {
            transport.close();
        } catch (MessagingException e) {
            // already broken: nothing to tell the server
        }
        transport = null;
    }

    private String lastReply() {
        return transport instanceof org.eclipse.angus.mail.smtp.SMTPTransport smtp
            ? SmtpReplies.firstLine(smtp.getLastServerResponse()) : "250";
    }

    private SendResult finalResult(QueuedEmail email, SendResult.Kind kind, String reply, int resends) {
        provider.metrics().emailSend(config.name(), kind == SendResult.Kind.DELIVERED ? "delivered" : "failed");
        return new SendResult(email, kind, config.name(), reply, resends, 0);
    }

    /** A 4xx or no answer: later, with the provider's backoff, or final at its last attempt. */
    private SendResult transientFailure(QueuedEmail email, String reply, int resends) {
        if (email.attempts() >= config.maxAttempts()) {
            return finalResult(email, SendResult.Kind.FAILED, reply + " (attempt " + email.attempts() + " of "
                + config.maxAttempts() + ")", resends);
        }
        provider.metrics().emailSend(config.name(), "retried");
        long due = provider.clock().millis() + config.retryDelayAfter(email.attempts()).toMillis();
        return new SendResult(email, SendResult.Kind.RETRY, config.name(), reply, resends, due);
    }

    private SendResult defer(QueuedEmail email) {
        return new SendResult(email, SendResult.Kind.DEFER, config.name(), "", 0,
            provider.clock().millis() + DEFER_DELAY.toMillis());
    }

    private static String reason(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = SmtpReplies.firstLine(e.getMessage());
        return root == e ? message : message + ": " + root.getClass().getSimpleName() + " "
            + SmtpReplies.firstLine(root.getMessage());
    }
}
