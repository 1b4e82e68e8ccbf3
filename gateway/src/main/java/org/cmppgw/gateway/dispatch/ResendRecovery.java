package org.cmppgw.gateway.dispatch;

import io.netty.util.concurrent.EventExecutor;
import org.cmppgw.cmpp.sms.SubmitPart;
import org.cmppgw.gateway.metrics.GatewayMetrics;
import org.cmppgw.gateway.model.MessageStatus;
import org.cmppgw.gateway.model.OutboundMessage;
import org.cmppgw.gateway.persistence.CorrelationStore;
import org.cmppgw.gateway.persistence.MessageQueries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Crash recovery (docs/design.md §3, "nothing accepted is lost"): pages through the messages this node accepted before
 * the restart whose parts do not all have a recorded submit outcome, and dispatches each again, all parts, as capacity
 * allows (one unit at a time, waiting when it is full, so a large backlog never floods memory). One run, started once
 * after the providers; logs one line when done.
 */
final class ResendRecovery {
    static final int PAGE_SIZE = 500;
    /** The stat of a stored message that cannot be segmented any more (its text fits no SMS encoding). */
    static final String STAT_BAD_CONTENT = "GW:CONTENT";
    private static final Logger LOG = LoggerFactory.getLogger(ResendRecovery.class);
    private static final long CAPACITY_WAIT_MILLIS = 50;

    private final MessageQueries queries;
    private final CorrelationStore statuses;
    private final Dispatcher dispatcher;
    private final GatewayMetrics metrics;
    private final Clock clock;
    private final EventExecutor timer;
    private final int nodeId;
    private final long ceiling;
    private final CompletableFuture<Integer> done = new CompletableFuture<>();
    private int resent;

    ResendRecovery(MessageQueries queries, CorrelationStore statuses, Dispatcher dispatcher, GatewayMetrics metrics,
                   Clock clock, EventExecutor timer, int nodeId, long ceiling) {
        this.queries = queries;
        this.statuses = statuses;
        this.dispatcher = dispatcher;
        this.metrics = metrics;
        this.clock = clock;
        this.timer = timer;
        this.nodeId = nodeId;
        this.ceiling = ceiling;
    }

    CompletableFuture<Integer> start() {
        nextPage(0);
        return done;
    }

    private void nextPage(long afterMsgId) {
        queries.pendingForResend(nodeId, afterMsgId, PAGE_SIZE).whenComplete((page, error) -> {
            if (error != null) {
                LOG.warn("node={} - resend after restart stopped after {} messages ({})", nodeId, resent,
                    error.toString());
                done.completeExceptionally(error);
                return;
            }
            int mine = 0;
            while (mine < page.size() && page.get(mine).msgId() <= ceiling) {
                mine++;
            }
            queue(page.subList(0, mine), 0, mine == PAGE_SIZE);
        });
    }

    /** Dispatches {@code page} from {@code from} on, waiting whenever the capacity is full. */
    private void queue(List<OutboundMessage> page, int from, boolean more) {
        for (int i = from; i < page.size(); i++) {
            if (!dispatcher.capacity().tryReserve(1)) {
                int next = i;
                try {
                    timer.schedule(() -> queue(page, next, more), CAPACITY_WAIT_MILLIS, TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException e) {
                    done.complete(resent);
                }
                return;
            }
            resend(page.get(i));
        }
        if (more) {
            nextPage(page.get(page.size() - 1).msgId());
        } else {
            if (resent > 0) {
                LOG.info("node={} - {} messages accepted before the restart sent again", nodeId, resent);
            }
            done.complete(resent);
        }
    }

    private void resend(OutboundMessage message) {
        List<SubmitPart> parts;
        try {
            parts = dispatcher.segmenter().split(message.content());
        } catch (IllegalArgumentException e) {
            dispatcher.capacity().release(1);
            statuses.recordFinal(message.msgId(), MessageStatus.FAILED, STAT_BAD_CONTENT, clock.instant());
            return;
        }
        resent++;
        metrics.resentAfterCrash(1);
        dispatcher.dispatch(dispatcher.prepare(message, parts, Priorities.of(message.priority())));
    }
}
