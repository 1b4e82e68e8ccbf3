package org.cmppgw.gateway.node;

import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Keeps this node's id and connection slots (docs/operations.md "Several nodes on one database"): every lease / 3 it
 * renews its {@code gateway_node} row, runs a slot round for every provider ({@link SlotLeases}) and adopts nodes whose
 * heartbeat stopped ({@link NodeRegistry#adopt}, then {@link OrphanedWork}).
 *
 * <p>A node that cannot renew — the database unreachable or frozen — must stop before the others may take over its
 * work, which they do a full lease after its last heartbeat. So when its last successful round is older than two
 * thirds of the lease (checked by a watchdog, also while a round hangs), it is <em>fenced</em>: it releases every
 * connection slot (its CMPP sessions close, nothing more is submitted) and reports not ready. When a round succeeds
 * again before anybody adopted it or took its id, it takes its slots back. When another node adopted it meanwhile, or
 * another process claimed its id, its work is someone else's: it is <em>lost</em>, and the gateway stops (the
 * process exits with status 3, for its supervisor to restart it).
 */
public final class NodeHeartbeat implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeHeartbeat.class);

    private final NodeRegistry registry;
    private final SlotLeases slots;
    private final List<ConnectionBudget> budgets;
    private final Clock clock;
    private final Runnable onLost;
    private final long leaseMillis;
    private final long fenceAfterMillis;
    private final Map<String, Integer> heldCounts = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;
    private OrphanedWork orphans;
    private CompletableFuture<?> adoptions = CompletableFuture.completedFuture(null);
    private long lastRoundMillis;
    private boolean fenced;
    private boolean lost;
    private boolean failureLogged;

    /**
     * @param registry holds this node's id already ({@link NodeRegistry#claim})
     * @param onLost   run once when this node was adopted or its id claimed by another process: the gateway must
     *                 stop
     */
    public NodeHeartbeat(NodeRegistry registry, SlotLeases slots, List<ConnectionBudget> budgets, Clock clock,
                         Runnable onLost) {
        this.registry = registry;
        this.slots = slots;
        this.budgets = List.copyOf(budgets);
        this.clock = clock;
        this.onLost = onLost;
        this.leaseMillis = registry.leaseMillis();
        this.fenceAfterMillis = leaseMillis * 2 / 3;
    }

    /**
     * The first round, at start before the providers connect: creates the slot rows and leases this node's share, so
     * a provider opens only the sessions this node holds.
     *
     * @throws RuntimeException when the database fails: the gateway cannot start
     */
    public synchronized void firstRound() {
        for (ConnectionBudget budget : budgets) {
            slots.ensureSlots(budget.provider(), budget.connections());
        }
        long now = clock.millis();
        if (!registry.renew(now)) {
            throw new IllegalStateException("node=" + registry.nodeId() + " - the id was claimed by another process"
                + " during start");
        }
        apply(now, leaseSlots(now));
    }

    /**
     * Runs a round every lease / 3 and the watchdog, on their own threads, right after {@link #firstRound()}. Dead
     * nodes are adopted only once {@link #adoptInto} says where their messages go.
     */
    public synchronized void start() {
        long period = Math.max(1, leaseMillis / 3);
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(2,
            new DefaultThreadFactory("node-heartbeat", true));
        executor.setRemoveOnCancelPolicy(true);
        timer = executor;
        timer.scheduleWithFixedDelay(this::round, 0, period, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::watch, period / 2, Math.max(1, period / 2), TimeUnit.MILLISECONDS);
    }

    /** From now on dead nodes are adopted, their messages handed to {@code orphanedWork} (once the dispatcher runs). */
    public synchronized void adoptInto(OrphanedWork orphanedWork) {
        this.orphans = orphanedWork;
    }

    /** At a stop, before the dispatcher closes: no more adoptions (what is adopted later waits for a live node). */
    public synchronized void stopAdopting() {
        this.orphans = null;
    }

    /** Whether this node may take work now: its id is renewed (not fenced) and not lost. */
    public synchronized boolean holdsId() {
        return !fenced && !lost;
    }

    /** One heartbeat round: renew, lease slots, adopt dead nodes. Public for tests that drive the clock. */
    public void round() {
        long now = clock.millis();
        try {
            if (!registry.renew(now)) {
                lose();
                return;
            }
            synchronized (this) {
                if (lost) {
                    return;
                }
            }
            apply(now, leaseSlots(now));
        } catch (RuntimeException e) {
            failed(e);
            watch();
            return;
        }
        try {
            adoptDead(now);
        } catch (RuntimeException e) {
            LOG.warn("node={} - looking for dead nodes failed ({})", registry.nodeId(), e.toString());
        }
    }

    /** Fences this node when its last successful round is older than two thirds of the lease. */
    public void watch() {
        synchronized (this) {
            if (fenced || lost || clock.millis() - lastRoundMillis <= fenceAfterMillis) {
                return;
            }
            fenced = true;
        }
        LOG.error("node={} - heartbeat not renewed for {} ms (lease {} ms): fenced, every connection slot released"
            + " until the database answers again", registry.nodeId(), clock.millis() - lastRoundMillis, leaseMillis);
        releaseAll();
    }

    private synchronized void failed(RuntimeException e) {
        if (!failureLogged) {
            failureLogged = true;
            LOG.warn("node={} - heartbeat failed ({}); fenced after {} ms without one", registry.nodeId(), e.toString(),
                fenceAfterMillis);
        }
    }

    /** The slot leases of this round, written to the database, not handed to the providers yet. */
    private Round leaseSlots(long now) {
        int live = registry.liveNodes(now);
        List<BitSet> rounds = new ArrayList<>(budgets.size());
        for (ConnectionBudget budget : budgets) {
            rounds.add(slots.round(budget.provider(), budget.connections(), live, now));
        }
        return new Round(live, rounds);
    }

    private record Round(int live, List<BitSet> held) {
    }

    /** A whole round succeeded: the fence (if any) is lifted and the providers follow the slots held. */
    private synchronized void apply(long now, Round round) {
        if (lost) {
            return;
        }
        lastRoundMillis = now;
        failureLogged = false;
        if (fenced) {
            fenced = false;
            LOG.info("node={} - heartbeat renewed again: fence lifted", registry.nodeId());
        }
        for (int i = 0; i < budgets.size(); i++) {
            ConnectionBudget budget = budgets.get(i);
            BitSet held = round.held().get(i);
            budget.hold(held);
            Integer before = heldCounts.put(budget.provider(), held.cardinality());
            if (before == null || before != held.cardinality()) {
                LOG.info("node={} provider={} - holding {} of {} connection slots ({} live nodes)", registry.nodeId(),
                    budget.provider(), held.cardinality(), budget.connections(), round.live());
            }
        }
    }

    private void adoptDead(long now) {
        OrphanedWork work;
        synchronized (this) {
            work = orphans;
        }
        if (work == null) {
            return;
        }
        for (NodeRegistry.Holder dead : registry.dead(now)) {
            registry.adopt(dead, now).ifPresent(adoption -> takeOver(adoption, work));
        }
    }

    private synchronized void takeOver(NodeRegistry.Adoption adoption, OrphanedWork work) {
        // One adoption at a time: each hands its messages to the dispatcher before the next starts.
        adoptions = adoptions.handle((ignored, error) -> null)
            .thenCompose(ignored -> work.adopt(adoption.deadNode()))
            .whenComplete((messages, error) -> {
                if (error != null) {
                    LOG.warn("node={} - adopted node {} ({}): {} callbacks due now, {} connection slots"
                        + " released; its messages stay adopted by this node and are sent after its next start ({})",
                        registry.nodeId(), adoption.deadNode(), silence(adoption), adoption.callbacks(),
                        adoption.slots(), error.toString());
                } else {
                    LOG.info("node={} - adopted node {} ({}): {} callbacks due now, {} messages sent again,"
                        + " {} connection slots released", registry.nodeId(), adoption.deadNode(),
                        silence(adoption), adoption.callbacks(), messages, adoption.slots());
                }
            });
    }

    private static String silence(NodeRegistry.Adoption adoption) {
        return adoption.retired() ? "stopped" : "heartbeat silent for " + adoption.silentMillis() + " ms";
    }

    private void lose() {
        synchronized (this) {
            if (lost) {
                return;
            }
            lost = true;
        }
        LOG.error("node={} - after a heartbeat silence of over {} ms this node was adopted by another node or its id"
            + " claimed by another process: stopping", registry.nodeId(), leaseMillis);
        registry.forget();
        releaseAll();
        onLost.run();
    }

    private synchronized void releaseAll() {
        BitSet none = new BitSet();
        for (ConnectionBudget budget : budgets) {
            budget.hold(none);
            heldCounts.remove(budget.provider());
        }
    }

    /**
     * Stops the rounds and retires this node: its slots are released and its heartbeat cleared, so the other nodes
     * adopt what it leaves (its messages still pending) at once instead of a lease later. Called after the providers
     * drained.
     */
    @Override
    public void close() {
        ScheduledExecutorService stopping;
        synchronized (this) {
            stopping = timer;
            timer = null;
        }
        if (stopping != null) {
            stopping.shutdownNow();
            try {
                stopping.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            if (lost) {
                return;
            }
        }
        try {
            registry.retire();
        } catch (RuntimeException e) {
            LOG.warn("node={} - retiring failed ({}); the other nodes take over after the lease", registry.nodeId(),
                e.toString());
        }
    }
}
