package org.cmppgw.simulator.smtp;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

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
