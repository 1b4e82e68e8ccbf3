package org.cmppgw.gateway.intake;

import org.cmppgw.cmpp.sms.SubmitPart;
import org.cmppgw.gateway.dispatch.DispatchCapacity;
import org.cmppgw.gateway.dispatch.Dispatcher;
import org.cmppgw.gateway.dispatch.Priorities;
import org.cmppgw.gateway.model.MessageIdGenerator;
import org.cmppgw.gateway.model.OutboundMessage;
import org.cmppgw.gateway.model.TemplateType;
import org.cmppgw.gateway.persistence.IntakeStore;
import org.cmppgw.gateway.persistence.StoreOverloadedException;
import org.cmppgw.gateway.provider.OutboundSms;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The API's {@link MessageIntake} (docs/design.md §3): reserves room in the sending path first and refuses at once when
 * there is none (the API answers 503 / 50019, the heap stays bounded); then segments each message, gives it a msg id
 * and group-commits it with {@link IntakeStore#admit}, which applies the per-mobile admission rules in the same
 * transaction (docs/api.md, "Admission rules"); only when the commit is durable does it answer the API with the ids (a
 * refused message's entry is minus its JSMS code) and hand the admitted messages to the {@link Dispatcher}. A store
 * that refuses (overloaded) or fails gives the room back, and so does each refused message. Never blocks: it runs on
 * API event loops, and the store's completion runs on the store's writer thread.
 */
public final class DurableIntake implements MessageIntake {
    private static final String FULL = "dispatch - too many messages in flight, try again later";
    private static final String STORE_BUSY = "store - write queue full, try again later";
    /** The message of the refusal that follows a {@link #withdraw}. */
    public static final String WITHDRAWN = "store - not taken in time, withdrawn: nothing stored";

    private final IntakeStore store;
    private final Dispatcher dispatcher;
    private final MessageIdGenerator ids;

    /**
     * @param ids this node's msg id generator, started above the largest stored id
     */
    public DurableIntake(IntakeStore store, Dispatcher dispatcher, MessageIdGenerator ids) {
        this.store = Objects.requireNonNull(store, "store");
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    @Override
    public CompletableFuture<long[]> accept(List<AcceptedMessage> messages) {
        int count = messages.size();
        if (count == 0) {
            return CompletableFuture.completedFuture(new long[0]);
        }
        DispatchCapacity capacity = dispatcher.capacity();
        if (!capacity.tryReserve(count)) {
            return MessageIntake.refused(FULL);
        }
        long[] msgIds = new long[count];
        List<OutboundMessage> stored = new ArrayList<>(count);
        List<TemplateType> types = new ArrayList<>(count);
        List<OutboundSms> queued = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                AcceptedMessage accepted = messages.get(i);
                List<SubmitPart> parts = dispatcher.segmenter().split(accepted.content());
                OutboundMessage message = new OutboundMessage(ids.next(), accepted.appKey(), accepted.mobile(),
                    accepted.content(), accepted.templateId(), Priorities.stored(accepted.priority()),
                    accepted.callbackUrl(), parts.size(), accepted.acceptedAt());
                msgIds[i] = message.msgId();
                stored.add(message);
                types.add(accepted.type());
                queued.add(dispatcher.prepare(message, parts, accepted.priority()));
            }
        } catch (IllegalArgumentException e) {
            capacity.release(count);
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<int[]> storing = store.admit(stored, types);
        Accepting result = new Accepting(storing);
        storing.whenComplete((verdicts, error) -> {
            if (error != null) {
                capacity.release(count);
                result.completeExceptionally(error instanceof CancellationException
                    ? new IntakeRefusedException(WITHDRAWN) : refusal(error));
                return;
            }
            List<OutboundSms> admitted = queued;
            int refused = 0;
            for (int verdict : verdicts) {
                refused += verdict != 0 ? 1 : 0;
            }
            if (refused > 0) {
                admitted = new ArrayList<>(count - refused);
                for (int i = 0; i < count; i++) {
                    if (verdicts[i] != 0) {
                        msgIds[i] = -verdicts[i];
                    } else {
                        admitted.add(queued.get(i));
                    }
                }
                capacity.release(refused);
            }
            result.complete(msgIds);
            dispatcher.dispatch(admitted);
        });
        return result;
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
