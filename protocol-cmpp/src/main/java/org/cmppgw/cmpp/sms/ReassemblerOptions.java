package org.cmppgw.cmpp.sms;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of a {@link Reassembler} (docs/cmpp-protocol.md §9.5 [R]).
 *
 * @param timeout            how long after its first part a message waits for the rest before it is delivered as
 *                           incomplete (default 5 minutes)
 * @param maxPendingMessages messages waiting for parts, at most; beyond it the oldest is delivered as incomplete
 * @param maxPendingBytes    payload bytes held for waiting messages, at most; at least {@value #MIN_PENDING_BYTES}
 *                           (255 parts of 255 bytes) so that one message always fits
 */
public record ReassemblerOptions(Duration timeout, int maxPendingMessages, long maxPendingBytes) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
    public static final int DEFAULT_MAX_PENDING_MESSAGES = 10_000;
    public static final long DEFAULT_MAX_PENDING_BYTES = 8L * 1024 * 1024;
    /** The most one message can hold: 255 parts × 255 bytes of Msg_Content. */
    public static final long MIN_PENDING_BYTES = 255L * 255;

    public ReassemblerOptions {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout: " + timeout + " (expected: > 0)");
        }
        if (maxPendingMessages < 1) {
            throw new IllegalArgumentException("maxPendingMessages: " + maxPendingMessages + " (expected: >= 1)");
        }
        if (maxPendingBytes < MIN_PENDING_BYTES) {
            throw new IllegalArgumentException(
                "maxPendingBytes: " + maxPendingBytes + " (expected: >= " + MIN_PENDING_BYTES + ")");
        }
    }

    public static ReassemblerOptions defaults() {
        return new ReassemblerOptions(DEFAULT_TIMEOUT, DEFAULT_MAX_PENDING_MESSAGES, DEFAULT_MAX_PENDING_BYTES);
    }
}
