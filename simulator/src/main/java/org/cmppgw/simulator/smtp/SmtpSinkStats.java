package org.cmppgw.simulator.smtp;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the sink has received since it started. Readable from any thread (tests assert on it); the same numbers are
 * exported as Micrometer counters by {@link #bindTo(MeterRegistry)}, so there is one source of truth.
 */
public final class SmtpSinkStats {
    private final LongAdder messages = new LongAdder();
    private final LongAdder recipients = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder rejectedRecipients = new LongAdder();
    private final LongAdder authFailures = new LongAdder();
    private final LongAdder sessions = new LongAdder();
    /** The last mails kept whole for tests that read what was sent ({@link #keepMessages}); guarded by itself. */
    private final ArrayDeque<String> recent = new ArrayDeque<>();
    private volatile int keep;

    /** Messages accepted after DATA. */
    public long messages() {
        return messages.sum();
    }

    /** Accepted recipients of accepted messages. */
    public long recipients() {
        return recipients.sum();
    }

    /** Message bytes received (the DATA content after dot-unstuffing). */
    public long bytes() {
        return bytes.sum();
    }

    /** RCPT TO commands answered with an injected failure. */
    public long rejectedRecipients() {
        return rejectedRecipients.sum();
    }

    /** AUTH attempts with an unknown user or a wrong password. */
    public long authFailures() {
        return authFailures.sum();
    }

    /** SMTP sessions (TCP connections) accepted, on both ports: a client that reuses connections keeps it low. */
    public long sessions() {
        return sessions.sum();
    }

    void sessionOpened() {
        sessions.increment();
    }

    void messageReceived(int recipientCount, long size) {
        messages.increment();
        recipients.add(recipientCount);
        bytes.add(size);
    }

    /**
     * Keeps the last {@code count} mails (their DATA as text) for {@link #recentMessages}; 0, the default, keeps none
     * and reads DATA into nothing, as fast as before.
     */
    public void keepMessages(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count: " + count + " (expected: >= 0)");
        }
        keep = count;
    }

    /** Whether DATA is to be kept ({@link #keepMessages}). */
    boolean keeping() {
        return keep > 0;
    }

    void kept(String message) {
        synchronized (recent) {
            recent.addLast(message);
            while (recent.size() > keep) {
                recent.removeFirst();
            }
        }
    }

    /** The mails kept ({@link #keepMessages}), oldest first, as received: headers and MIME body. */
    public List<String> recentMessages() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }

    void recipientRejected() {
        rejectedRecipients.increment();
    }

    void authFailed() {
        authFailures.increment();
    }

    /** Registers {@code simulator_smtp_*_total} counters that read these numbers. */
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("simulator.smtp.messages", this, SmtpSinkStats::messages)
            .description("messages accepted by the SMTP sink").register(registry);
        FunctionCounter.builder("simulator.smtp.recipients", this, SmtpSinkStats::recipients)
            .description("recipients of accepted messages").register(registry);
        FunctionCounter.builder("simulator.smtp.bytes", this, SmtpSinkStats::bytes)
            .description("message bytes received").register(registry);
        FunctionCounter.builder("simulator.smtp.rejected.recipients", this, SmtpSinkStats::rejectedRecipients)
            .description("recipients answered with an injected 4xx/5xx").register(registry);
        FunctionCounter.builder("simulator.smtp.auth.failures", this, SmtpSinkStats::authFailures)
            .description("failed AUTH attempts").register(registry);
        FunctionCounter.builder("simulator.smtp.sessions", this, SmtpSinkStats::sessions)
            .description("SMTP sessions (connections) accepted").register(registry);
    }
}
