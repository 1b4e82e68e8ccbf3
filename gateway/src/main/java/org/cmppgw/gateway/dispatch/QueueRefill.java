package org.cmppgw.gateway.dispatch;

import org.cmppgw.cmpp.sms.SubmitPart;
import org.cmppgw.gateway.metrics.GatewayMetrics;
import org.cmppgw.gateway.model.MessageStatus;
import org.cmppgw.gateway.model.OutboundMessage;
import org.cmppgw.gateway.model.Priorities;
import org.cmppgw.gateway.persistence.CorrelationStore;
import org.cmppgw.gateway.persistence.MessageQueue;
import org.cmppgw.gateway.persistence.MessageQueue.Claimed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Keeps this node's memory window filled from the store's queue (docs/design.md §3, "the store is the queue"): when
 * the {@link DispatchCapacity} has room, it claims due waiting messages in priority order and hands them to the
 * {@link Dispatcher}. Normal and low messages fill memory only up to the bulk ceiling; the rest is for verification
 * codes, claimed on their own when the bulk part is full. A claimed message that waited past its time to live is made
 * final FAILED ({@value #STAT_EXPIRED}) with its callback instead; so is, every few seconds, any waiting message past
 * it, even one no node would claim (its provider down). Also counts the backlog for the quotas and metrics
 * ({@link QueueBacklog}), and once a second moves what a provider that is down holds in memory to its backup
 * ({@link Dispatcher#moveFromProvidersDown()}). One thread, one store call at a time; it polls, faster while there is
 * work. After a claim that found nothing it claims again only every {@value #QUIET_TICKS}th idle tick (a second),
 * unless messages may wait in the store ({@link QueueBacklog#mayWaitInStore()}: the last count saw some, or this node
 * queued or released some since), checked at every tick: an empty claim walks past the index entries that the sent
 * messages' rows left for purge, a tenth of {@code mariadbd}'s time at 5,000 msg/s when it ran five times a second.
 */
public final class QueueRefill implements AutoCloseable {
    /** The stat of a message that waited in the store past its time to live (docs/api.md, "Statuses"). */
    public static final String STAT_EXPIRED = "GW:EXPIRED";
    /** The stat of a stored message that cannot be segmented any more (its text fits no SMS encoding). */
    static final String STAT_BAD_CONTENT = "GW:CONTENT";
    static final int PAGE = 500;
    private static final Logger LOG = LoggerFactory.getLogger(QueueRefill.class);
    private static final long IDLE_MILLIS = 200;
    /** Idle ticks between claims while nothing is known to wait: another node's are claimed up to a second late. */
    static final int QUIET_TICKS = 5;
    private static final long BUSY_MILLIS = 20;
    private static final long EXPIRY_SWEEP_MILLIS = 5_000;
    private static final long FAILOVER_CHECK_MILLIS = 1_000;
    private static final int ALL_RANKS = 3;
    private static final int HIGH_ONLY = 1;

    private final MessageQueue queue;
    private final Dispatcher dispatcher;
    private final CorrelationStore statuses;
    private final QueueBacklog backlog;
    private final GatewayMetrics metrics;
    private final Clock clock;
    private final int bulkCeiling;
    private final long countMillis;
    private final PollingThread thread;
    private long nextExpirySweep;
    private long nextFailoverCheck;
    private long nextCount;
    private long failures;
    /** Idle ticks left before the next claim after one that found nothing; 0 when not quiet. */
    private int quietTicks;

    /**
     * @param bulkCeiling   the most messages memory holds before only verification codes are claimed
     * @param countInterval how often the backlog is counted
     */
    public QueueRefill(MessageQueue queue, Dispatcher dispatcher, CorrelationStore statuses, QueueBacklog backlog,
                       GatewayMetrics metrics, Clock clock, int bulkCeiling, Duration countInterval) {
        this.queue = queue;
        this.dispatcher = dispatcher;
        this.statuses = statuses;
        this.backlog = backlog;
        this.metrics = metrics;
        this.clock = clock;
        this.bulkCeiling = bulkCeiling;
        this.countMillis = countInterval.toMillis();
        this.thread = new PollingThread("queue-refill");
    }

    /** Starts polling; the node's own earlier work must be back in the queue ({@link MessageQueue#requeue}). */
    public void start() {
        schedule(0);
    }

    private void schedule(long delayMillis) {
        thread.after(delayMillis, this::tick);
    }

    /** One round on the refill thread: at most one store call, then the next round is scheduled. */
    private void tick() {
        long now = clock.millis();
        if (now >= nextCount) {
            nextCount = now + countMillis;
            queue.count().whenComplete((counted, error) -> {
                if (error == null) {
                    backlog.counted(counted);
                }
                next(error, BUSY_MILLIS);
            });
            return;
        }
        if (now >= nextFailoverCheck) {
            nextFailoverCheck = now + FAILOVER_CHECK_MILLIS;
            // In memory only, no store call: what a provider that went down had queued goes to its backup.
            dispatcher.moveFromProvidersDown();
        }
        if (now >= nextExpirySweep) {
            nextExpirySweep = now + EXPIRY_SWEEP_MILLIS;
            claim(PAGE, false, n -> queue.claimExpired(n, now));
            return;
        }
        if (quietTicks > 0 && --quietTicks > 0 && !backlog.mayWaitInStore()) {
            schedule(IDLE_MILLIS);
            return;
        }
        DispatchCapacity capacity = dispatcher.capacity();
        int bulk = bulkCeiling - capacity.inUse();
        Set<String> stalled = dispatcher.router().stalled();
        if (bulk >= Math.min(PAGE, Math.max(1, bulkCeiling / 20))) {
            claim(Math.min(PAGE, bulk), true, n -> queue.claim(n, now, stalled, ALL_RANKS));
            return;
        }
        int urgent = capacity.capacity() - capacity.inUse();
        if (urgent > 0) {
            claim(Math.min(PAGE, urgent), true, n -> queue.claim(n, now, stalled, HIGH_ONLY));
            return;
        }
        schedule(BUSY_MILLIS);
    }

    /** A claim of up to {@code max} messages, given the count it may return. */
    @FunctionalInterface
    private interface Claim {
        CompletableFuture<List<Claimed>> of(int max);
    }

    /**
     * Claims up to {@code max} messages. With {@code reserve}, room for all of them is reserved first and what the
     * claim did not use is given back; without, every message claimed must be an expired one (it never enters memory).
     */
    private void claim(int max, boolean reserve, Claim claim) {
        DispatchCapacity capacity = dispatcher.capacity();
        if (reserve && !capacity.tryReserve(max)) {
            schedule(BUSY_MILLIS);
            return;
        }
        CompletableFuture<List<Claimed>> claiming;
        try {
            claiming = claim.of(max);
        } catch (RuntimeException e) {
            claiming = CompletableFuture.failedFuture(e);
        }
        claiming.whenComplete((claimed, error) -> {
            int used = error == null ? claimed.size() : 0;
            if (reserve && used < max) {
                capacity.release(max - used);
            }
            if (error == null) {
                for (Claimed one : claimed) {
                    send(one, reserve);
                }
            }
            if (reserve && error == null) {
                quietTicks = used == 0 ? QUIET_TICKS : 0;
            }
            next(error, used == max ? 0 : used > 0 ? BUSY_MILLIS : IDLE_MILLIS);
        });
    }

    private void next(Throwable error, long delayMillis) {
        if (error != null) {
            if (failures++ % 100 == 0) {
                LOG.warn("queue - refill from the store failed ({} so far): {}", failures, error.toString());
            }
            schedule(IDLE_MILLIS);
            return;
        }
        schedule(delayMillis);
    }

    /** Hands one claimed message (holding a unit of capacity when {@code reserved}) to the dispatcher, or fails it. */
    private void send(Claimed claimed, boolean reserved) {
        OutboundMessage message = claimed.message();
        if (claimed.expired() || !reserved) {
            fail(message, STAT_EXPIRED, reserved);
            metrics.expired("unsent", 1);
            return;
        }
        List<SubmitPart> parts;
        try {
            parts = dispatcher.segmenter().split(message.content());
        } catch (IllegalArgumentException e) {
            fail(message, STAT_BAD_CONTENT, true);
            return;
        }
        if (claimed.resend()) {
            metrics.resentAfterCrash(1);
        }
        dispatcher.dispatch(dispatcher.prepare(message, parts, Priorities.of(message.priority())));
    }

    private void fail(OutboundMessage message, String stat, boolean reserved) {
        if (reserved) {
            dispatcher.capacity().release(1);
        }
        statuses.recordFinal(message.msgId(), MessageStatus.FAILED, stat, clock.instant());
    }

    @Override
    public void close() {
        thread.close();
    }
}
