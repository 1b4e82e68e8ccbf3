package org.cmppgw.gateway.provider;

import java.util.concurrent.CompletableFuture;

/**
 * A channel that sends SMS for the dispatcher: one CMPP account with its connections (DESIGN §5). The router asks
 * {@link #isAvailable()} to fail over to a backup; the dispatcher hands it messages with {@link #enqueue}, which never
 * blocks and never refuses (the dispatcher's capacity already bounds what is in memory).
 */
public interface Provider {
    /** The configured name: routing rules, metric labels, the store's provider column. */
    String name();

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
}
