package org.cmppgw.gateway.api;

import org.cmppgw.gateway.intake.AcceptedMessage;
import org.cmppgw.gateway.intake.MessageIntake;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-memory {@link MessageIntake} for the HTTP layer: numbers messages 1, 2, 3, … and completes on its own
 * thread, as the store's writer would; or refuses, or fails, on demand.
 */
final class RecordingIntake implements MessageIntake, AutoCloseable {
    enum Mode {
        ACCEPT, REFUSE, FAIL, THROW
    }

    final List<AcceptedMessage> accepted = new CopyOnWriteArrayList<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-writer"));
    volatile Mode mode = Mode.ACCEPT;

    @Override
    public CompletableFuture<long[]> accept(List<AcceptedMessage> messages) {
        return switch (mode) {
            case REFUSE -> MessageIntake.refused("queue full");
            case FAIL -> CompletableFuture.supplyAsync(() -> {
                throw new IllegalStateException("database down");
            }, writer);
            case THROW -> throw new IllegalStateException("bug in the intake");
            case ACCEPT -> CompletableFuture.supplyAsync(() -> {
                long[] ids = new long[messages.size()];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = nextId.getAndIncrement();
                }
                accepted.addAll(messages);
                return ids;
            }, writer);
        };
    }

    @Override
    public void close() {
        writer.shutdownNow();
        try {
            writer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
