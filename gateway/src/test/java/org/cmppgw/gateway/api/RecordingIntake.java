package org.cmppgw.gateway.api;

import org.cmppgw.gateway.intake.AcceptedMessage;
import org.cmppgw.gateway.intake.IntakeRefusedException;
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
        ACCEPT, REFUSE, FAIL, THROW,
        /** Holds the messages "queued" until {@link #release}; they can be withdrawn meanwhile. */
        HOLD,
        /** Holds them "being written" until {@link #release}: they cannot be withdrawn. */
        HOLD_WRITING
    }

    /** A held accept: its messages and whether it may still be withdrawn. */
    private record Held(List<AcceptedMessage> messages, CompletableFuture<long[]> future, boolean withdrawable) {
    }

    private final List<Held> held = new CopyOnWriteArrayList<>();

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
            case HOLD, HOLD_WRITING -> {
                Held h = new Held(messages, new CompletableFuture<>(), mode == Mode.HOLD);
                held.add(h);
                yield h.future();
            }
            case ACCEPT -> CompletableFuture.supplyAsync(() -> number(messages), writer);
        };
    }

    @Override
    public boolean withdraw(CompletableFuture<long[]> accepting) {
        for (Held h : held) {
            if (h.future() == accepting && h.withdrawable() && held.remove(h)) {
                h.future().completeExceptionally(new IntakeRefusedException("withdrawn"));
                return true;
            }
        }
        return false;
    }

    /** Accepts every held request that was not withdrawn, as a late commit would. */
    void release() {
        for (Held h : held) {
            if (held.remove(h)) {
                writer.execute(() -> h.future().complete(number(h.messages())));
            }
        }
    }

    /** Requests held now. */
    int holding() {
        return held.size();
    }

    private long[] number(List<AcceptedMessage> messages) {
        long[] ids = new long[messages.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = nextId.getAndIncrement();
        }
        accepted.addAll(messages);
        return ids;
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
