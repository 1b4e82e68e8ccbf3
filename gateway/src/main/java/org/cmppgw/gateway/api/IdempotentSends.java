package org.cmppgw.gateway.api;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.util.concurrent.ScheduledFuture;
import org.cmppgw.gateway.idempotency.IdempotencyKey;
import org.cmppgw.gateway.idempotency.IdempotencyStore;
import org.cmppgw.gateway.idempotency.StoredAnswer;
import org.cmppgw.gateway.intake.ApiError;
import org.cmppgw.gateway.persistence.AcceptHook;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Sends with an {@code Idempotency-Key} header (docs/api.md "When the database is slow or down"). A key already
 * stored gets its stored answer back (nothing is sent again); a key whose first send is still being stored on this
 * node gets 409/50019 "in progress"; any other key goes on to the send, which stores it with its answer in the same
 * transaction as its messages ({@link IntakeGate}). A send without the header costs nothing here.
 *
 * <p>The key's lookup counts against {@code server.acceptTimeout}: a database that does not answer it in time gets
 * the send 503 "nothing stored, retry" (nothing was, the send had not started).
 */
final class IdempotentSends {
    /** The answer while the key's first send is still being stored on this node. */
    static final String IN_PROGRESS_MESSAGE = "request in progress: a send with this Idempotency-Key is still being"
        + " stored; retry later with the same key to get its answer";
    /** The answer when the key could not be looked up in time: the send never started. */
    static final String LOOKUP_FAILED_MESSAGE = "server busy: the database did not answer the Idempotency-Key lookup"
        + " in time; nothing was stored, retry later";
    /** The answer to a key on a gateway built without a store for keys (tests of other parts). */
    static final String NOT_SERVED_MESSAGE = "invalid body: " + IdempotencyKey.HEADER + " is not served here";

    /** A send's answer from its ids (a negative id: a recipient the store refused, minus its code). */
    @FunctionalInterface
    interface Reply {
        ApiReply to(ByteBufAllocator alloc, long[] ids);
    }

    /** One send, given the claim on its key (null: the request has none); reads the body before it returns. */
    @FunctionalInterface
    interface Send {
        CompletableFuture<ApiReply> run(ApiRequest request, Claim claim);
    }

    private final IdempotencyStore store;
    private final JsonResponses json;
    private final Clock clock;
    private final LongSupplier nanoClock;
    private final long timeoutNanos;
    /** The keys whose send runs on this node, as "appKey \n key": at most one send per key at a time. */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    /**
     * @param store null: a request with a key is refused with 50007 (a gateway without the table)
     */
    IdempotentSends(IdempotencyStore store, JsonResponses json, Clock clock, LongSupplier nanoClock,
                    Duration acceptTimeout) {
        this.store = store;
        this.json = json;
        this.clock = clock;
        this.nanoClock = nanoClock;
        this.timeoutNanos = acceptTimeout.toNanos();
    }

    /** Runs {@code send} once for the request's key, or answers for it; {@code send} as is without a key. */
    CompletableFuture<ApiReply> serve(ApiRequest request, Send send) {
        String key = request.idempotencyKey();
        if (key == null) {
            return send.run(request, null);
        }
        ByteBufAllocator alloc = request.alloc();
        String problem = IdempotencyKey.problem(key);
        if (problem != null || store == null) {
            return done(json.error(alloc, ApiError.INVALID_BODY, problem != null ? problem : NOT_SERVED_MESSAGE));
        }
        String appKey = request.app().appKey();
        String slot = appKey + '\n' + key;
        if (!inFlight.add(slot)) {
            return done(json.error(alloc, ApiError.KEY_IN_USE, IN_PROGRESS_MESSAGE));
        }
        Claim claim = new Claim(appKey, key, slot, nanoClock.getAsLong());
        CompletableFuture<ApiReply> answer = new CompletableFuture<>();
        // the send reads the body after the lookup, when the request's own buffer is gone
        ApiRequest held = new ApiRequest(request.app(), request.pathParams(), request.uri(),
            Unpooled.copiedBuffer(request.body()), alloc, request.loop(), request.operator(), request.contentType(),
            key);
        CompletableFuture<StoredAnswer> found = store.find(appKey, key);
        // Both run on the event loop: whichever comes first answers, the other sees the answer done.
        ScheduledFuture<?> deadline = request.loop().schedule(() -> {
            if (!answer.isDone()) {
                claim.release();
                answer.complete(json.error(alloc, ApiError.SERVER_BUSY, LOOKUP_FAILED_MESSAGE));
            }
        }, timeoutNanos, TimeUnit.NANOSECONDS);
        found.whenCompleteAsync((stored, error) -> {
            deadline.cancel(false);
            try {
                lookedUp(held, send, claim, answer, stored, error);
            } finally {
                held.body().release();
            }
        }, request.loop());
        return answer;
    }

    /** After the key's lookup, on the event loop: the stored answer, or the send. */
    private void lookedUp(ApiRequest request, Send send, Claim claim, CompletableFuture<ApiReply> answer,
                          StoredAnswer stored, Throwable error) {
        ByteBufAllocator alloc = request.alloc();
        if (answer.isDone()) {
            return;
        }
        if (error != null || stored != null) {
            claim.release();
            answer.complete(error != null ? json.error(alloc, ApiError.SERVER_BUSY, LOOKUP_FAILED_MESSAGE)
                : replay(alloc, stored));
            return;
        }
        CompletableFuture<ApiReply> sent;
        try {
            sent = send.run(request, claim);
        } catch (RuntimeException e) {
            claim.release();
            answer.completeExceptionally(e);
            return;
        }
        sent.whenComplete((reply, failure) -> {
            if (!claim.accepting) {
                // refused before the intake (a bad body, an admission rule): nothing to wait for
                claim.release();
            }
            if (failure != null) {
                answer.completeExceptionally(failure);
            } else {
                answer.complete(reply);
            }
        });
    }

    /** The stored answer as a response. */
    private static ApiReply replay(ByteBufAllocator alloc, StoredAnswer stored) {
        return new ApiReply(JsonResponses.respond(alloc, stored.status(), stored.body()), stored.code());
    }

    /** {@code reply} as stored; releases its buffer. */
    private static StoredAnswer keep(ApiReply reply) {
        FullHttpResponse response = reply.response();
        try {
            return new StoredAnswer(response.status().code(), reply.code(),
                response.content().toString(StandardCharsets.UTF_8));
        } finally {
            response.release();
        }
    }

    private static CompletableFuture<ApiReply> done(ApiReply reply) {
        return CompletableFuture.completedFuture(reply);
    }

    /** A request's hold on its key on this node, from the lookup until its send's commit has decided. */
    final class Claim {
        private final String appKey;
        private final String key;
        private final String slot;
        private final long startNanos;
        private final AtomicBoolean released = new AtomicBoolean();
        private volatile boolean accepting;
        private volatile IdempotencyStore.Recording recording;

        private Claim(String appKey, String key, String slot, long startNanos) {
            this.appKey = appKey;
            this.key = key;
            this.slot = slot;
            this.startNanos = startNanos;
        }

        /** When the request's deadline started: its key's lookup. */
        long startNanos() {
            return startNanos;
        }

        /** The work that stores the key with {@code reply}'s answer in the send's accept transaction. */
        AcceptHook hook(Reply reply) {
            accepting = true;
            IdempotencyStore.Recording hook = store.record(appKey, key, clock.millis(),
                ids -> keep(reply.to(UnpooledByteBufAllocator.DEFAULT, ids)));
            recording = hook;
            return hook;
        }

        /** True when the store found the key held by another send (another node's): nothing of this one stored. */
        boolean taken() {
            IdempotencyStore.Recording hook = recording;
            return hook != null && hook.taken();
        }

        /** Frees the key on this node; only the first call counts, so a later claim of the key is never freed. */
        void release() {
            if (released.compareAndSet(false, true)) {
                inFlight.remove(slot);
            }
        }
    }
}
