package org.cmppgw.gateway.persistence;

import org.cmppgw.gateway.model.OutboundMessage;
import org.cmppgw.gateway.model.TemplateType;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The durable accept (docs/design.md §3): what the API's intake and the node's id generator need from the store.
 * Asynchronous and never blocking, as every store interface (see the package documentation).
 */
public interface IntakeStore {
    /**
     * Stores accepted messages; the future completes when they are durable, and only then may the API answer. Its
     * {@code cancel(false)} withdraws them while they still wait for the writer: true means they are never stored;
     * false means they are being (or were) written and the commit decides.
     */
    CompletableFuture<Void> accept(List<OutboundMessage> messages);

    /**
     * Stores the messages that pass the store's per-recipient admission rules (docs/api.md, "Admission rules"),
     * deciding them in the same transaction; the refused are not stored.
     *
     * @param types each message's template type, in the same order
     * @return after the commit, one verdict per message: 0 stored, else the JSMS code that refused it
     */
    CompletableFuture<int[]> admit(List<OutboundMessage> messages, List<TemplateType> types);

    /**
     * Stores messages with their places in the queue (docs/design.md §3, "the store is the queue"): as
     * {@link #admit(List, List)} for the entries with a template type, and without the rules for the others.
     *
     * @return after the commit, one verdict per entry: 0 stored, else the JSMS code that refused it
     */
    CompletableFuture<int[]> admit(List<QueueEntry> entries);

    /** As {@link #admit(List)}, with {@code hook} run in the same transaction after the messages are inserted. */
    CompletableFuture<int[]> admit(List<QueueEntry> entries, AcceptHook hook);

    /** The largest msg_id stored, 0 when none: the floor of a restarted id generator. */
    CompletableFuture<Long> maxMessageId();
}
