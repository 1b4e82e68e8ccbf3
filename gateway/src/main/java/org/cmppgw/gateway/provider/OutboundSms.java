package org.cmppgw.gateway.provider;

import org.cmppgw.cmpp.sms.SubmitPart;
import org.cmppgw.gateway.model.Channel;
import org.cmppgw.gateway.model.MessagePriority;
import org.cmppgw.gateway.model.OutboundMessage;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One accepted SMS on its way to a carrier: the fields a SUBMIT needs and its parts, already segmented
 * (docs/cmpp-protocol.md §9.3–§9.5). Segmenting once, before the message is queued, keeps the concatenation reference
 * of a part the same when the part is sent again (flow control, lost connection) and keeps the CPU work off the session
 * event loops. The text itself is not kept: the parts are the message.
 *
 * <p>The parts of one message go out together on one session, but a part sent again after its session was lost goes
 * on another, and outcomes are recorded from several threads, so the count of parts still waiting for an outcome
 * is atomic; when it reaches zero the {@link DispatchListener} hears of it, exactly once. A message whose part was
 * refused for good is {@linkplain #abandon() abandoned}: its parts still queued are dropped instead of sent.
 */
public final class OutboundSms {
    private static final AtomicIntegerFieldUpdater<OutboundSms> UNDECIDED =
        AtomicIntegerFieldUpdater.newUpdater(OutboundSms.class, "undecided");
    /** A message no routing rule matched: {@link #route()}. */
    public static final int NO_ROUTE = -1;

    private final long msgId;
    private final String appKey;
    private final List<String> destination;
    private final MessagePriority priority;
    private final int route;
    private final long templateId;
    private final SubmitPart[] parts;
    private final DispatchListener listener;
    private volatile int undecided;
    private volatile boolean abandoned;

    /** A message routed by no rule: its SUBMIT fields are the provider's and its template's. */
    public OutboundSms(OutboundMessage message, List<SubmitPart> parts, MessagePriority priority,
                       DispatchListener listener) {
        this(message, parts, priority, NO_ROUTE, listener);
    }

    /**
     * @param message  the stored message (its text is not kept; its template id is)
     * @param parts    its segments, one SUBMIT each, as many as {@code message.parts()} says
     * @param priority which queue it waits in
     * @param route    index of the routing rule it matched in {@code routing.rules}, or {@link #NO_ROUTE}: with the
     *                 template, which SUBMIT fields override the provider's (docs/cmpp-protocol.md §7.1)
     * @param listener told when every part has an outcome
     */
    public OutboundSms(OutboundMessage message, List<SubmitPart> parts, MessagePriority priority, int route,
                       DispatchListener listener) {
        Objects.requireNonNull(message, "message");
        if (route < NO_ROUTE) {
            throw new IllegalArgumentException("route: " + route + " (expected: a rule index or " + NO_ROUTE + ")");
        }
        if (parts.isEmpty() || parts.size() > OutboundMessage.MAX_PARTS) {
            throw new IllegalArgumentException("parts: " + parts.size() + " (expected: 1.." + OutboundMessage.MAX_PARTS
                + ")");
        }
        this.msgId = message.msgId();
        this.appKey = message.appKey();
        this.destination = List.of(message.mobile());
        this.priority = Objects.requireNonNull(priority, "priority");
        this.route = route;
        this.templateId = message.templateId();
        this.parts = parts.toArray(new SubmitPart[0]);
        this.listener = Objects.requireNonNull(listener, "listener");
        this.undecided = this.parts.length;
    }

    public long msgId() {
        return msgId;
    }

    /** Always {@link Channel#SMS}: the router picks among the SMS providers. */
    public Channel channel() {
        return Channel.SMS;
    }

    public String appKey() {
        return appKey;
    }

    /** The handset, as it was accepted. */
    public String mobile() {
        return destination.get(0);
    }

    /** The one-element destination list of every SUBMIT of this message (shared, immutable). */
    public List<String> destination() {
        return destination;
    }

    public MessagePriority priority() {
        return priority;
    }

    /** Index of the routing rule it matched, or {@link #NO_ROUTE}. */
    public int route() {
        return route;
    }

    /** The template it was rendered from; 0 when none. */
    public long templateId() {
        return templateId;
    }

    public int partCount() {
        return parts.length;
    }

    /** Part {@code index}, 0-based (Pk_number − 1). */
    public SubmitPart part(int index) {
        return parts[index];
    }

    /** Stops sending the parts still queued: a part was refused for good, the message has failed anyway. */
    public void abandon() {
        abandoned = true;
    }

    public boolean isAbandoned() {
        return abandoned;
    }

    /** Parts still waiting for an outcome. */
    public int undecidedParts() {
        return undecided;
    }

    /** One part's outcome is recorded (or it was given up); the last one tells the listener. */
    public void partDecided() {
        int left = UNDECIDED.decrementAndGet(this);
        if (left == 0) {
            listener.dispatched(this);
        } else if (left < 0) {
            throw new IllegalStateException("msg=" + msgId + " - more outcomes than parts (parts=" + parts.length
                + ")");
        }
    }

    @Override
    public String toString() {
        return "OutboundSms[msgId=" + msgId + ", app=" + appKey + ", parts=" + parts.length + ", priority=" + priority
            + ", undecided=" + undecided + (abandoned ? ", abandoned" : "") + "]";
    }
}
