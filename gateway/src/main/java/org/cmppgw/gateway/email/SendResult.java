package org.cmppgw.gateway.email;

import java.util.Objects;

/**
 * How one claimed mail ended this time, as the store records it.
 *
 * @param email       the claimed mail
 * @param kind        what happened
 * @param provider    the provider that tried it; empty when none could
 * @param reply       the server's last reply (or the gateway's reason when no reply came)
 * @param resends     sends repeated at once because the connection dropped before the answer
 * @param dueAtMillis the next try, for RETRY and DEFER
 */
public record SendResult(QueuedEmail email, Kind kind, String provider, String reply, int resends,
                         long dueAtMillis) {
    /** What the store does with the row. */
    public enum Kind {
        /** 2xx: final, delivered. */
        DELIVERED,
        /** 5xx, or a transient failure at the last attempt: final, failed. */
        FAILED,
        /** A transient failure (4xx, server unreachable): due again at dueAtMillis, the attempt counted. */
        RETRY,
        /** Not tried (no provider available): due again at dueAtMillis, the claim not counted as an attempt. */
        DEFER
    }

    /** The longest reply kept ({@code email_message.smtp_reply}). */
    public static final int MAX_REPLY_LENGTH = 512;

    public SendResult {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(kind, "kind");
        provider = provider == null ? "" : provider;
        reply = reply == null ? "" : reply.strip();
        if (reply.length() > MAX_REPLY_LENGTH) {
            reply = reply.substring(0, MAX_REPLY_LENGTH);
        }
    }

    public boolean isFinal() {
        return kind == Kind.DELIVERED || kind == Kind.FAILED;
    }
}
