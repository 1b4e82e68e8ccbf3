package org.cmppgw.gateway.intake;

import org.cmppgw.cmpp.sms.SubmitPart;
import org.cmppgw.gateway.config.MessageTtl;
import org.cmppgw.gateway.dispatch.DispatchCapacity;
import org.cmppgw.gateway.dispatch.Dispatcher;
import org.cmppgw.gateway.dispatch.QueueBacklog;
import org.cmppgw.gateway.dispatch.Router;
import org.cmppgw.gateway.model.MessagePriority;
import org.cmppgw.gateway.model.MessageIdGenerator;
import org.cmppgw.gateway.model.OutboundMessage;
import org.cmppgw.gateway.model.Priorities;
import org.cmppgw.gateway.persistence.AcceptHook;
import org.cmppgw.gateway.persistence.IntakeStore;
import org.cmppgw.gateway.persistence.MessageQueue;
import org.cmppgw.gateway.persistence.QueueEntry;
import org.cmppgw.gateway.persistence.StoreOverloadedException;
import org.cmppgw.gateway.provider.OutboundSms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * The API's {@link MessageIntake} (docs/design.md §3, "the store is the queue"): checks the backlog quotas
 * ({@link QueueBacklog}), segments each message, gives it a msg id and a place in the store's queue, and group-commits
 * them with {@link IntakeStore#admit(List)}, which applies the per-mobile admission rules in the same transaction
 * (docs/api.md, "Admission rules"). A message due now whose provider is up and for which memory has room (normal and
 * low priority only up to {@code limits.bulkCapacity()}, the rest is kept for verification codes) is kept in memory
 * and handed to the {@link Dispatcher} as soon as the commit is durable; the others wait in the store for the
 * {@code QueueRefill}. Only when the commit is durable does it answer the API with the ids (a refused message's entry
 * is minus its JSMS code). Never blocks: it runs on API event loops, and the store's completion runs on the store's
 * writer thread.
 */
public final class DurableIntake implements MessageIntake {
    private static final Logger LOG = LoggerFactory.getLogger(DurableIntake.class);
    /** Tries, a second apart, to hand a failed accept's possibly stored messages back to the store's queue. */
    private static final int ORPHAN_RELEASE_TRIES = 120;
    /**
     * Tries, a second apart, while the handing back finds nothing: a Galera node that took over from the one killed
     * during the accept's COMMIT may apply that commit a little after it answers.
     */
    private static final int UNSEEN_RELEASE_TRIES = 10;
    private static final String STORE_BUSY = "store - write queue full, try again later";
    /** The message of the refusal that follows a {@link #withdraw}. */
    public static final String WITHDRAWN = "store - not taken in time, withdrawn: nothing stored";

    private final IntakeStore store;
    private final Dispatcher dispatcher;
    private final MessageIdGenerator ids;
    private final QueueBacklog backlog;
    private final MessageTtl ttl;
    private final int bulkCeiling;
    private final MessageQueue queue;

    /**
     * @param ids         this node's msg id generator, started above the largest stored id
     * @param bulkCeiling the most messages in memory that a normal or low message may still join
     */
    public DurableIntake(IntakeStore store, Dispatcher dispatcher, MessageIdGenerator ids, QueueBacklog backlog,
                         MessageTtl ttl, int bulkCeiling) {
        this(store, dispatcher, ids, backlog, ttl, bulkCeiling, null);
    }

    /**
     * @param queue the store's queue, where the messages a failed accept kept for memory are handed back in case
     *              the commit happened after all (its answer lost with the connection); null: not handed back, they
     *              wait for this node's next start
     */
    public DurableIntake(IntakeStore store, Dispatcher dispatcher, MessageIdGenerator ids, QueueBacklog backlog,
                         MessageTtl ttl, int bulkCeiling, MessageQueue queue) {
        this.queue = queue;
        this.store = Objects.requireNonNull(store, "store");
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.backlog = Objects.requireNonNull(backlog, "backlog");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.bulkCeiling = bulkCeiling;
    }

    @Override
    public CompletableFuture<long[]> accept(List<AcceptedMessage> messages) {
        return accept(messages, null);
    }

    @Override
    public CompletableFuture<long[]> accept(List<AcceptedMessage> messages, AcceptHook hook) {
        int count = messages.size();
        if (count == 0) {
            return CompletableFuture.completedFuture(new long[0]);
        }
        Map<String, Integer> apps = countByApp(messages);
        String overQuota = admitToBacklog(apps);
        if (overQuota != null) {
            return MessageIntake.refused(overQuota);
        }
        DispatchCapacity capacity = dispatcher.capacity();
        long[] msgIds = new long[count];
        List<QueueEntry> entries = new ArrayList<>(count);
        List<OutboundSms> inMemory = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                AcceptedMessage accepted = messages.get(i);
                List<SubmitPart> parts = dispatcher.segmenter().split(accepted.content());
                OutboundMessage message = new OutboundMessage(ids.next(), accepted.appKey(), accepted.mobile(),
                    accepted.content(), accepted.templateId(), Priorities.stored(accepted.priority()),
                    accepted.callbackUrl(), parts.size(), accepted.acceptedAt());
                msgIds[i] = message.msgId();
                Router.Placement placement = dispatcher.router().place(message.channel(), accepted.appKey(),
                    accepted.mobile(), accepted.priority());
                QueueEntry entry = place(accepted, message, placement, capacity);
                entries.add(entry);
                inMemory.add(entry.inMemory()
                    ? dispatcher.prepare(message, parts, accepted.priority(), placement.rule()) : null);
            }
        } catch (IllegalArgumentException e) {
            giveBack(capacity, entries, null);
            apps.forEach(backlog::forget);
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<int[]> storing = store.admit(entries, hook);
        Accepting result = new Accepting(storing);
        storing.whenComplete((verdicts, error) -> {
            if (error != null) {
                giveBack(capacity, entries, null);
                apps.forEach(backlog::forget);
                if (!(error instanceof CancellationException || error.getCause() instanceof StoreOverloadedException
                        || error instanceof StoreOverloadedException)) {
                    releaseIfStored(entries, 1);
                }
                result.completeExceptionally(error instanceof CancellationException
                    ? new IntakeRefusedException(WITHDRAWN) : refusal(error));
                return;
            }
            giveBack(capacity, entries, verdicts);
            List<OutboundSms> admitted = new ArrayList<>(count);
            boolean waiting = false;
            for (int i = 0; i < count; i++) {
                if (verdicts[i] != 0) {
                    msgIds[i] = -verdicts[i];
                    backlog.forget(entries.get(i).message().appKey(), 1);
                } else if (inMemory.get(i) != null) {
                    admitted.add(inMemory.get(i));
                } else {
                    waiting = true;
                }
            }
            if (waiting) {
                backlog.queuedInStore();
            }
            result.complete(msgIds);
            dispatcher.dispatch(admitted);
        });
        return result;
    }

    /**
     * A failed accept whose commit may still have happened (the connection lost during it, e.g. a Galera node killed):
     * its messages kept for memory would be stored as taken by this node but never dispatched. Marks them waiting
     * again, so the refill sends them if they were stored (nothing matches if they were not). Retried while the
     * store does not answer, and for a few seconds while nothing matches (a commit a Galera node applies late); the API
     * answered the send 500 meanwhile, and a retry with its Idempotency-Key gets the stored answer.
     */
    private void releaseIfStored(List<QueueEntry> entries, int attempt) {
        if (queue == null) {
            return;
        }
        List<Long> kept = new ArrayList<>();
        for (QueueEntry entry : entries) {
            if (entry.inMemory()) {
                kept.add(entry.message().msgId());
            }
        }
        if (kept.isEmpty()) {
            return;
        }
        queue.release(kept).whenComplete((released, error) -> {
            if (error == null) {
                if (released > 0) {
                    backlog.queuedInStore();
                    LOG.warn("intake - {} messages of a failed accept were stored after all: queued again to send",
                        released);
                } else if (attempt < UNSEEN_RELEASE_TRIES) {
                    // until the commit shows, no table has these ids as this node's: a later try cannot hand back a
                    // message this node has since claimed into its memory
                    releaseLater(entries, attempt);
                }
            } else if (attempt < ORPHAN_RELEASE_TRIES) {
                releaseLater(entries, attempt);
            } else {
                LOG.warn("intake - cannot check whether {} messages of a failed accept were stored ({}); if they were,"
                    + " they are sent at this node's next start", kept.size(), error.toString());
            }
        });
    }

    private void releaseLater(List<QueueEntry> entries, int attempt) {
        CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS).execute(() -> releaseIfStored(entries, attempt + 1));
    }

    /** Where a message waits: in memory when it is due now, its provider is up and there is room; else the store. */
    private QueueEntry place(AcceptedMessage accepted, OutboundMessage message, Router.Placement placement,
                             DispatchCapacity capacity) {
        MessagePriority priority = accepted.priority();
        long due = accepted.acceptedAt().toEpochMilli();
        long expires = due + ttl.of(accepted.appKey(), accepted.type()).toMillis();
        boolean kept = placement.now().isAvailable()
            && capacity.tryReserve(1, priority == MessagePriority.HIGH ? capacity.capacity() : bulkCeiling);
        return new QueueEntry(message, accepted.type(), priority, placement.primary().name(), due, expires, kept);
    }

    /** Gives back the room of the entries kept in memory that were not stored (all of them when no verdicts). */
    private static void giveBack(DispatchCapacity capacity, List<QueueEntry> entries, int[] verdicts) {
        int unused = 0;
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).inMemory() && (verdicts == null || verdicts[i] != 0)) {
                unused++;
            }
        }
        if (unused > 0) {
            capacity.release(unused);
        }
    }

    private static Map<String, Integer> countByApp(List<AcceptedMessage> messages) {
        Map<String, Integer> apps = new LinkedHashMap<>(2);
        for (AcceptedMessage message : messages) {
            apps.merge(message.appKey(), 1, Integer::sum);
        }
        return apps;
    }

    /** Counts every app's messages into the backlog, or none of them: the refusal, or null. */
    private String admitToBacklog(Map<String, Integer> apps) {
        Map<String, Integer> admitted = new LinkedHashMap<>(2);
        for (Map.Entry<String, Integer> app : apps.entrySet()) {
            String refusal = backlog.tryAdmit(app.getKey(), app.getValue());
            if (refusal != null) {
                admitted.forEach(backlog::forget);
                return refusal;
            }
            admitted.put(app.getKey(), app.getValue());
        }
        return null;
    }

    @Override
    public boolean withdraw(CompletableFuture<long[]> accepting) {
        return accepting instanceof Accepting a && a.storing.cancel(false);
    }

    /** The API's future of one accept, holding the store's, which can withdraw the messages while they wait. */
    private static final class Accepting extends CompletableFuture<long[]> {
        private final CompletableFuture<?> storing;

        Accepting(CompletableFuture<?> storing) {
            this.storing = storing;
        }
    }

    /** An overloaded store is a "try again later" (503); anything else is the store's failure (500). */
    private static Throwable refusal(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof StoreOverloadedException ? new IntakeRefusedException(STORE_BUSY) : cause;
    }
}
