package org.cmppgw.simulator.smtp;

import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One mail transaction (subethasmtp creates a handler per MAIL FROM): answers injected failures at RCPT TO, then
 * reads DATA into nothing (or keeps it, when a test asks: {@link SmtpSinkStats#keepMessages}) and counts it. Runs
 * on the session's thread, so its own fields need no synchronisation.
 */
final class SinkMessageHandler implements MessageHandler {
    private static final int TOO_BIG = 552;

    private final RecipientRules rules;
    private final SmtpSinkStats stats;
    private final int maxMessageSize;
    private int recipients;

    SinkMessageHandler(RecipientRules rules, SmtpSinkStats stats, int maxMessageSize) {
        this.rules = rules;
        this.stats = stats;
        this.maxMessageSize = maxMessageSize;
    }

    @Override
    public void from(String from) {
        // Every sender is accepted: the sink tests the client, not sender policy.
    }

    @Override
    public void recipient(String recipient) throws RejectException {
        Optional<SmtpFailure> failure = rules.match(recipient);
        if (failure.isPresent()) {
            stats.recipientRejected();
            throw new RejectException(failure.get().code(), failure.get().text());
        }
        recipients++;
    }

    @Override
    public String data(InputStream data) throws RejectException, IOException {
        long size;
        if (stats.keeping()) {
            ByteArrayOutputStream copy = new ByteArrayOutputStream();
            size = data.transferTo(copy);
            stats.kept(copy.toString(StandardCharsets.UTF_8));
        } else {
            size = data.transferTo(OutputStream.nullOutputStream());
        }
        if (maxMessageSize > 0 && size > maxMessageSize) {
            throw new RejectException(TOO_BIG, "5.3.4 message too big (" + size + " > " + maxMessageSize + ")");
        }
        stats.messageReceived(recipients, size);
        return null;
    }

    @Override
    public void done() {
        // Nothing is kept per message.
    }
}
