package org.cmppgw.gateway.provider;

import org.cmppgw.gateway.model.Channel;

import java.util.List;
import java.util.function.Predicate;
import java.util.concurrent.CompletableFuture;

/**
 * Where the dispatcher sends messages of one {@link Channel}: for SMS one CMPP account with its connections
 * (docs/design.md §5). The router picks among the providers of a message's channel and asks {@link #isAvailable()} to
 * fail over to a backup; the dispatcher hands it messages with {@link #enqueue}, which never blocks and never refuses
 * (the dispatcher's capacity already bounds what is in memory).
 */
public interface Provider {
    /** The configured name: routing rules, metric labels, the store's provider column. */
    String name();

    /** The one channel this provider sends on; the router gives it only messages of that channel. */
    Channel channel();

    /** At least one connection is logged in and the circuit breaker lets traffic through. */
    boolean isAvailable();

    /** Queues every part of {@code sms} for sending; returns at once, on any thread. */
    void enqueue(OutboundSms sms);

    /** Parts waiting for a connection (a gauge). */
    int queuedParts();

    /** Opens the connections (asynchronously: returns before they are logged in). */
    void start();

    /**
     * Stops taking parts from the queues, waits (bounded) for the submits in flight, ends every session with a
     * TERMINATE handshake and records the last outcomes. What is still queued stays pending in the store and is sent
     * again after a restart.
     *
     * @return completes when the provider is closed, never exceptionally
     */
    CompletableFuture<Void> shutdown();

    /**
     * Takes out of this provider's queues the messages {@code which} selects among those no session has started:
     * none of their parts went to the carrier, so they may be sent elsewhere (its backup while it is down) or put
     * back in the store's queue as never sent (after {@link #shutdown()}). A message a session started stays.
     *
     * @return the messages taken out, still holding their unit of the dispatcher's capacity
     */
    List<OutboundSms> takeBackUnsent(Predicate<? super OutboundSms> which);
}
