package org.cmppgw.gateway.schedule;

import org.cmppgw.gateway.dispatch.PollingThread;
import org.cmppgw.gateway.intake.AcceptedMessage;
import org.cmppgw.gateway.intake.MessageIntake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Sends due schedules (docs/api.md, "Scheduled sends"): polls the store every {@value #POLL_MILLIS} ms, claims what is
 * due for this node, and hands each schedule's messages to the intake with the store's hook that marks it sent in the
 * same transaction. A send the intake refuses (busy, over a backlog quota) is tried again {@value #RETRY_MILLIS} ms
 * later; one that lost its claim to another node (this node stalled past the lease) stores nothing.
 */
public final class ScheduleFirer implements AutoCloseable {
    static final long POLL_MILLIS = 250;
    static final long RETRY_MILLIS = 2_000;
    private static final int CLAIM_MAX = 20;
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleFirer.class);

    private final ScheduleStore store;
    private final MessageIntake intake;
    private final Clock clock;
    private final int node;
    private final long leaseMillis;
    private final PollingThread thread;
    private long failures;

    public ScheduleFirer(ScheduleStore store, MessageIntake intake, Clock clock, int node, Duration lease) {
        this.store = store;
        this.intake = intake;
        this.clock = clock;
        this.node = node;
        this.leaseMillis = lease.toMillis();
        this.thread = new PollingThread("schedules");
    }

    public void start() {
        next(0);
    }

    private void next(long delayMillis) {
        thread.after(delayMillis, this::tick);
    }

    private void tick() {
        store.claimDue(clock.millis(), CLAIM_MAX, node, leaseMillis).whenComplete((claimed, error) -> {
            if (error != null) {
                warn("claiming due schedules failed", error);
                next(POLL_MILLIS);
                return;
            }
            List<CompletableFuture<?>> sends = new ArrayList<>(claimed.size());
            for (Schedule schedule : claimed) {
                sends.add(send(schedule));
            }
            CompletableFuture.allOf(sends.toArray(new CompletableFuture<?>[0])).whenComplete((done, e) ->
                next(claimed.size() == CLAIM_MAX ? 0 : POLL_MILLIS));
        });
    }

    private CompletableFuture<?> send(Schedule schedule) {
        Instant now = clock.instant();
        List<AcceptedMessage> messages = new ArrayList<>(schedule.recipients().size());
        int[] positions = new int[schedule.recipients().size()];
        for (int i = 0; i < positions.length; i++) {
            ScheduledRecipient r = schedule.recipients().get(i);
            positions[i] = i;
            messages.add(new AcceptedMessage(schedule.appKey(), r.mobile(), r.content(), (int) r.templateId(),
                r.signId(), r.callbackUrl(), r.type().priority(), now, r.type()));
        }
        return intake.accept(messages, store.markSent(schedule, node, positions)).handle((ids, error) -> {
            if (error != null) {
                warn("schedule " + schedule.scheduleId() + " not sent, trying again", error);
                return store.retryAt(schedule, node, clock.millis() + RETRY_MILLIS);
            }
            return null;
        });
    }

    private void warn(String what, Throwable error) {
        if (failures++ % 100 == 0) {
            LOG.warn("schedules - {} ({} so far): {}", what, failures, error.toString());
        }
    }

    @Override
    public void close() {
        thread.close();
    }
}
