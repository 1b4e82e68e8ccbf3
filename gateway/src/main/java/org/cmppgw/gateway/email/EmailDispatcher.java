package org.cmppgw.gateway.email;

import org.cmppgw.gateway.config.EmailProviderConfig;
import org.cmppgw.gateway.dispatch.PollingThread;
import org.cmppgw.gateway.logging.LogThrottle;
import org.cmppgw.gateway.metrics.GatewayMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Moves mail from the store to the SMTP providers and outcomes back (docs/api.md "Emails"), on one
 * {@link PollingThread}: each step records the outcomes the providers reported since the last one (with their
 * EMAIL_REPORT callbacks), claims as many due mails as the available providers have room for (a provider's room
 * counts once at least half of its queue is free), and gives each to the first available provider in configuration
 * order (a backup takes over while one is down). A claimed mail is leased,
 * so the mail of a node that dies is sent by another after the lease. Woken by new mail and by outcomes; polls when
 * idle. A step is one transaction (the outcomes, then the claim), and steps start at least {@value #STEP_GAP_MILLIS}
 * ms apart, so outcomes and freed room gather between them: a step per outcome cost two commits per mail.
 */
public final class EmailDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmailDispatcher.class);
    /** Claimed mails live this long before another node may take them: queue wait plus every resend. */
    static final Duration LEASE = Duration.ofMinutes(10);
    private static final long IDLE_MILLIS = 200;
    private static final long ERROR_MILLIS = 1_000;
    private static final int MAX_CLAIM = 500;
    /** Outcomes and free room gathered between steps; the lanes' queues hold more than this many ms of mail. */
    static final long STEP_GAP_MILLIS = 10;

    private final EmailStore store;
    private final List<SmtpProvider> providers;
    private final Clock clock;
    private final PollingThread thread = new PollingThread("email-dispatch");
    private final Queue<SendResult> results = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakePending = new AtomicBoolean();
    /** When the last step started (clock millis); read by the threads that wake the dispatcher. */
    private volatile long lastStepMillis;
    private final LogThrottle failureLog = new LogThrottle(TimeUnit.SECONDS.toNanos(10), System::nanoTime);

    /**
     * @param providers the SMTP providers in failover order, built here (not started)
     * @throws IllegalArgumentException when a provider's trusted certificate cannot be read
     */
    public EmailDispatcher(EmailStore store, List<EmailProviderConfig> providers, GatewayMetrics metrics,
                           Clock clock) {
        this.store = store;
        List<SmtpProvider> built = new ArrayList<>();
        for (EmailProviderConfig config : providers) {
            built.add(new SmtpProvider(config, metrics, clock, this::report));
        }
        this.providers = List.copyOf(built);
        this.clock = clock;
    }

    /** Takes back this node's earlier claims, starts the providers and the loop. */
    public void start() {
        int reclaimed = store.reclaimOwn(clock.millis());
        if (reclaimed > 0) {
            LOG.warn("recovery - {} emails this node held at its last stop are due again; those already sent may"
                + " reach their recipients twice", reclaimed);
        }
        providers.forEach(SmtpProvider::start);
        thread.after(0, this::loop);
    }

    /** An outcome from a provider's thread: recorded by the next step, which is asked for now. */
    public void report(SendResult result) {
        results.add(result);
        wake();
    }

    /** New mail is due: run a step now instead of at the next poll. */
    public void wake() {
        if (wakePending.compareAndSet(false, true)) {
            thread.after(untilNextStep(), () -> {
                wakePending.set(false);
                step();
            });
        }
    }

    public List<SmtpProvider> providers() {
        return providers;
    }

    private void loop() {
        long delay = step();
        thread.after(Math.max(delay, untilNextStep()), this::loop);
    }

    /** The wait before a step may start, at most {@link #STEP_GAP_MILLIS} (the clock may go back). */
    private long untilNextStep() {
        long wait = lastStepMillis + STEP_GAP_MILLIS - clock.millis();
        return Math.max(0, Math.min(wait, STEP_GAP_MILLIS));
    }

    /**
     * One round: records the outcomes reported since the last one and claims mail for the providers' room, in one
     * transaction; returns the delay before the next poll.
     */
    private long step() {
        lastStepMillis = clock.millis();
        try {
            int room = 0;
            for (SmtpProvider provider : providers) {
                // a claim walks the queue index from its start: claim in large batches, once half a queue is free
                room += provider.roomToFill();
            }
            int wanted = Math.min(room, MAX_CLAIM);
            List<QueuedEmail> claimed = finishAndClaim(wanted);
            for (QueuedEmail email : claimed) {
                if (!hand(email)) {
                    // recorded by the next step: the lease keeps the mail meanwhile
                    results.add(new SendResult(email, SendResult.Kind.DEFER, "", "", 0, clock.millis()
                        + ERROR_MILLIS));
                }
            }
            // a full claim means more may be due: go on after the gap
            return wanted > 0 && claimed.size() == wanted ? 0 : IDLE_MILLIS;
        } catch (RuntimeException e) {
            if (failureLog.tryLog() >= 0) {
                LOG.warn("email dispatch - {}", e.toString());
            }
            return ERROR_MILLIS;
        }
    }

    private boolean hand(QueuedEmail email) {
        for (SmtpProvider provider : providers) {
            if (provider.offer(email)) {
                return true;
            }
        }
        return false;
    }

    /** Records the outcomes reported so far and claims up to {@code wanted} mails (0: only records). */
    private List<QueuedEmail> finishAndClaim(int wanted) {
        List<SendResult> batch = drainResults();
        if (wanted == 0 && batch.isEmpty()) {
            return List.of();
        }
        try {
            if (wanted == 0) {
                store.finish(batch, clock.millis());
                return List.of();
            }
            return store.finishAndClaim(batch, wanted, LEASE.toMillis(), clock.millis());
        } catch (RuntimeException e) {
            // kept for the next step; the leases keep the rows from being claimed meanwhile
            results.addAll(batch);
            throw e;
        }
    }

    private List<SendResult> drainResults() {
        List<SendResult> batch = new ArrayList<>();
        for (SendResult r = results.poll(); r != null; r = results.poll()) {
            batch.add(r);
        }
        return batch;
    }

    private void flush() {
        if (results.isEmpty()) {
            return;
        }
        List<SendResult> batch = drainResults();
        try {
            store.finish(batch, clock.millis());
        } catch (RuntimeException e) {
            // kept for the next step; the leases keep the rows from being claimed meanwhile
            results.addAll(batch);
            throw e;
        }
    }

    /**
     * Stops claiming, stops the providers after their current mail, gives back what they had queued (due now) and
     * records the last outcomes.
     */
    @Override
    public void close() {
        thread.close();
        long now = clock.millis();
        for (SmtpProvider provider : providers) {
            for (QueuedEmail left : provider.stop()) {
                results.add(new SendResult(left, SendResult.Kind.DEFER, "", "", 0, now));
            }
        }
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warn("email dispatch - last outcomes not recorded, their mails are sent again after the lease: {}",
                e.toString());
        }
    }
}
