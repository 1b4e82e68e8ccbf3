package org.cmppgw.gateway.policy;

import org.cmppgw.gateway.intake.ApiError;
import org.cmppgw.gateway.intake.Outcome;
import org.cmppgw.gateway.intake.StoreThread;
import org.cmppgw.gateway.model.MessageIdGenerator;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Creates, lists, reads and deletes an app's send policies (docs/api.md "Send policies") on a database thread of its
 * own; every answer is an {@link Outcome}.
 */
public final class PolicyService implements AutoCloseable {
    /** Requests waiting for the database thread; more are refused (503). */
    static final int QUEUE_CAPACITY = 100;

    private final PolicyStore store;
    private final PolicyRules rules;
    private final MessageIdGenerator ids;
    private final Clock clock;
    private final StoreThread worker = new StoreThread("policies", QUEUE_CAPACITY);
    private final PolicyRuns runs;

    /** @param ids the gateway's id generator, for policy ids */
    public PolicyService(PolicyStore store, PolicyRules rules, MessageIdGenerator ids, Clock clock) {
        this(store, rules, ids, clock, null);
    }

    /**
     * @param ids  the gateway's id generator, for policy ids
     * @param runs sends with a policy and {@code /v1/policy_runs}, or null: not served
     */
    public PolicyService(PolicyStore store, PolicyRules rules, MessageIdGenerator ids, Clock clock, PolicyRuns runs) {
        this.store = store;
        this.rules = rules;
        this.ids = ids;
        this.clock = clock;
        this.runs = runs;
    }

    /** Sends with a policy and their runs, or null when not served. */
    public PolicyRuns runs() {
        return runs;
    }

    /** A new id for a run (the gateway's generator: never an id of another message or policy). */
    public long newId() {
        return ids.next();
    }

    /** Checks and stores a policy; its id. */
    public CompletableFuture<Outcome<Long>> create(String appKey, PolicyRequest request) {
        Outcome<SendPolicy> checked = rules.check(request);
        if (!checked.isOk()) {
            return CompletableFuture.completedFuture(checked.failure());
        }
        return worker.run(() -> {
            long id = ids.next();
            store.insert(appKey, id, checked.value(), clock.instant());
            return Outcome.ok(id);
        });
    }

    public CompletableFuture<Outcome<List<StoredPolicy>>> policies(String appKey) {
        return worker.run(() -> Outcome.ok(store.policies(appKey)));
    }

    /** A policy: 50403 when the app has none with this id. */
    public CompletableFuture<Outcome<StoredPolicy>> policy(String appKey, long policyId) {
        return worker.run(() -> store.policy(appKey, policyId).map(Outcome::ok)
            .orElseGet(() -> Outcome.fail(ApiError.POLICY_NOT_FOUND, Long.toString(policyId))));
    }

    /** Deletes a policy: 50403 when the app has none with this id. */
    public CompletableFuture<Outcome<Long>> delete(String appKey, long policyId) {
        return worker.run(() -> store.delete(appKey, policyId) ? Outcome.ok(policyId)
            : Outcome.fail(ApiError.POLICY_NOT_FOUND, Long.toString(policyId)));
    }

    @Override
    public void close() {
        worker.close();
    }
}
