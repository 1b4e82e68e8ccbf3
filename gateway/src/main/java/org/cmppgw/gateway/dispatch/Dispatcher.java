package org.cmppgw.gateway.dispatch;

import org.cmppgw.cmpp.sms.Segmenter;
import org.cmppgw.cmpp.sms.SubmitPart;
import org.cmppgw.gateway.config.RoutingConfig;
import org.cmppgw.gateway.metrics.GatewayMetrics;
import org.cmppgw.gateway.model.MessagePriority;
import org.cmppgw.gateway.model.OutboundMessage;
import org.cmppgw.gateway.provider.DispatchListener;
import org.cmppgw.gateway.provider.OutboundSms;
import org.cmppgw.gateway.provider.Provider;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The sending path's front (docs/design.md §3): turns stored messages into segmented {@link OutboundSms}, routes each
 * with the {@link Router} and queues it on its provider. It owns the {@link DispatchCapacity} that bounds the messages
 * in memory (reserved by the intake's {@code DurableIntake} and by the {@link QueueRefill}, freed when a message's
 * outcomes are durable) and the providers' life: {@link #start()} opens their connections, {@link #close()} drains
 * them.
 *
 * <p>Segmenting happens here, once per message before it is queued, rather than when a session dequeues it: the part
 * count has to be known at accept anyway (it is stored), a part sent again keeps its concatenation reference, and the
 * encoding work stays off the session event loops, which only do I/O (docs/cmpp-protocol.md §9.4: UCS2 unless the text
 * is short printable ASCII, 8-bit reference, Registered_Delivery 1 on every part).
 */
public final class Dispatcher implements AutoCloseable {
    /** Name of the dispatch capacity in {@code cmppgw_queue_depth}. */
    public static final String QUEUE_NAME = "dispatch";

    private final Map<String, Provider> providers;
    private final Router router;
    private final DispatchCapacity capacity;
    private final Segmenter segmenter;
    private final DispatchListener release;
    private final GatewayMetrics metrics;

    /**
     * The providers are built by the caller (the app, from the configuration) and owned by the dispatcher from here
     * on: it starts and drains them.
     *
     * @param providers the providers, in configuration order (the first is the default route when none is named)
     */
    public Dispatcher(List<? extends Provider> providers, RoutingConfig routing, DispatchCapacity capacity,
                      Segmenter segmenter, GatewayMetrics metrics) {
        Map<String, Provider> byName = new LinkedHashMap<>();
        for (Provider provider : providers) {
            if (byName.put(provider.name(), provider) != null) {
                throw new IllegalArgumentException("providers: \"" + provider.name() + "\" twice (expected: unique)");
            }
        }
        this.providers = byName;
        this.router = new Router(routing, byName);
        this.capacity = capacity;
        this.segmenter = segmenter;
        this.release = sms -> capacity.release(1);
        this.metrics = metrics;
        metrics.registerQueue(QUEUE_NAME, capacity::inUse);
    }

    public DispatchCapacity capacity() {
        return capacity;
    }

    public Segmenter segmenter() {
        return segmenter;
    }

    public Router router() {
        return router;
    }

    public List<Provider> providers() {
        return List.copyOf(providers.values());
    }

    /** Opens every provider's connections; returns before they are logged in. */
    public void start() {
        providers.values().forEach(Provider::start);
    }

    /**
     * The in-memory form of a stored message, holding one unit of capacity (the caller reserved it) that is freed when
     * its outcomes are durable. The routing rule it matches is noted on it here, once: the rule's SUBMIT fields go
     * with it to whichever provider (or backup) sends it.
     *
     * @param parts its segments, from {@link #segmenter()}
     */
    public OutboundSms prepare(OutboundMessage message, List<SubmitPart> parts, MessagePriority priority) {
        int rule = router.rule(message.channel(), message.appKey(), message.mobile(), priority);
        return prepare(message, parts, priority, rule);
    }

    /** As {@link #prepare(OutboundMessage, List, MessagePriority)}, with the rule already matched ({@link Router}). */
    public OutboundSms prepare(OutboundMessage message, List<SubmitPart> parts, MessagePriority priority, int rule) {
        return new OutboundSms(message, parts, priority, rule, release);
    }

    /** Routes and queues a message whose capacity is reserved; on any thread, never blocks. */
    public void dispatch(OutboundSms sms) {
        routeOf(sms).enqueue(sms);
    }

    private Provider routeOf(OutboundSms sms) {
        return router.route(sms.channel(), sms.appKey(), sms.mobile(), sms.priority());
    }

    public void dispatch(List<OutboundSms> messages) {
        for (int i = 0; i < messages.size(); i++) {
            dispatch(messages.get(i));
        }
    }

    /**
     * Moves the messages queued on a provider that is down, none of whose parts was sent, to the provider the router
     * picks for them now: their route's backup when it is up (docs/design.md §5). Messages with no backup up stay
     * where they are, and so do messages a session started (their parts stay on their session, see
     * {@code PartRun}). On any thread; meant for a periodic check while the queues are small, as each call walks the
     * queues of every provider that is down.
     *
     * @return how many messages moved
     */
    public int moveFromProvidersDown() {
        int moved = 0;
        for (Provider provider : providers.values()) {
            if (provider.isAvailable() || provider.queuedParts() == 0) {
                continue;
            }
            List<OutboundSms> taken = provider.takeBackUnsent(sms -> routeOf(sms) != provider);
            for (int i = 0; i < taken.size(); i++) {
                dispatch(taken.get(i));
            }
            if (!taken.isEmpty()) {
                metrics.movedToBackup(provider.name(), taken.size());
                moved += taken.size();
            }
        }
        return moved;
    }

    /**
     * Takes message {@code msgId} out of the provider queue that holds it, if no session has started it (none of its
     * parts went to the carrier): for a withdraw ({@link NodeWithdrawals}). It keeps its unit of capacity.
     *
     * @return the message taken out, or null when no provider queue holds it unstarted
     */
    public OutboundSms takeBackUnsent(long msgId) {
        for (Provider provider : providers.values()) {
            if (provider.queuedParts() == 0) {
                continue;
            }
            List<OutboundSms> taken = provider.takeBackUnsent(sms -> sms.msgId() == msgId);
            if (!taken.isEmpty()) {
                return taken.get(0);
            }
        }
        return null;
    }

    /**
     * Drains every provider (bounded by its drain timeout): stops pulling, lets the submits in flight finish,
     * TERMINATEs each session, records the last outcomes. Messages still queued stay pending in the store.
     *
     * @return the ids of the messages that were still queued and never started on a session: never sent, so the
     *         store may queue them again as such ({@code MessageQueue#release})
     */
    public List<Long> drain() {
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (Provider provider : providers.values()) {
            closing.add(provider.shutdown());
        }
        CompletableFuture.allOf(closing.toArray(new CompletableFuture<?>[0]))
            .completeOnTimeout(null, 1, TimeUnit.MINUTES)
            .join();
        List<Long> unstarted = new ArrayList<>();
        for (Provider provider : providers.values()) {
            for (OutboundSms sms : provider.takeBackUnsent(sms -> true)) {
                unstarted.add(sms.msgId());
            }
        }
        return unstarted;
    }

    /** {@link #drain()}, leaving every message still queued marked as possibly sent. */
    @Override
    public void close() {
        drain();
    }
}
