package org.cmppgw.gateway.persistence;

import org.cmppgw.gateway.model.MessagePriority;
import org.cmppgw.gateway.model.OutboundMessage;
import org.cmppgw.gateway.model.Priorities;
import org.cmppgw.gateway.model.TemplateType;

import java.util.Objects;

/**
 * A message as the accept stores it, with its place in the store's queue (docs/design.md §3, "the store is the
 * queue"; the columns are described in db/migration/V8__store_queue.sql).
 *
 * @param message   the message
 * @param type      its template's type for the per-mobile admission rules, or null to store it without them
 * @param priority  the queue it waits in (its rank: high before normal before low)
 * @param provider  the provider its route names first, for the backlog per provider; "" when unknown
 * @param dueAt     epoch millis before which it is not sent (its accept time unless scheduled)
 * @param expiresAt epoch millis after which it is no longer sent but made final FAILED; {@link Long#MAX_VALUE} never
 * @param inMemory  true when the accepting node keeps it in memory and sends it itself (it had room); false when it
 *                  waits in the store until some node claims it
 */
public record QueueEntry(OutboundMessage message, TemplateType type, MessagePriority priority, String provider,
                         long dueAt, long expiresAt, boolean inMemory) {
    public QueueEntry {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(provider, "provider");
        if (expiresAt < dueAt) {
            throw new IllegalArgumentException("expiresAt: " + expiresAt + " (expected: >= dueAt " + dueAt + ")");
        }
    }

    /** A message sent by the accepting node at once, never expiring (tests, tools). */
    public static QueueEntry immediate(OutboundMessage message, TemplateType type) {
        long now = message.acceptedAt().toEpochMilli();
        return new QueueEntry(message, type, Priorities.of(message.priority()), "", now, Long.MAX_VALUE, true);
    }

    /** Claims take the queues in this order: 0 high, 1 normal, 2 low. */
    public int rank() {
        return priority.ordinal();
    }
}
