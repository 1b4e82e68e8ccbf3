package org.cmppgw.gateway.model;

import java.util.Objects;

/**
 * A message as the store sees it now: what was accepted, its status, and its final report once it has one.
 *
 * @param message     the accepted message
 * @param status      its current status
 * @param finalReport the final report, non-null exactly when {@code status} is final
 */
public record StoredMessage(OutboundMessage message, MessageStatus status, FinalReport finalReport) {
    public StoredMessage {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(status, "status");
        if (status.isFinal() != (finalReport != null)) {
            throw new IllegalArgumentException(
                "finalReport: " + finalReport + " (expected: present exactly when status " + status + " is final)");
        }
    }
}
