package org.cmppgw.gateway.users;

import org.cmppgw.gateway.intake.ApiError;
import org.cmppgw.gateway.intake.Outcome;
import org.cmppgw.gateway.intake.StoreThread;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Creates, replaces, reads, deletes and resolves an app's users (docs/api.md "Users", "Send to users"). The checks
 * and the database work run on one thread behind a bounded queue, never on an event loop (an import of 50,000 users
 * is checked there too); a full queue answers 503/50019. Every answer is an {@link Outcome}.
 */
public final class UserService implements AutoCloseable {
    /** Requests waiting for the database thread; more are refused (503). */
    static final int QUEUE_CAPACITY = 100;

    private final UserStore store;
    private final Clock clock;
    private final StoreThread worker = new StoreThread("users", QUEUE_CAPACITY);

    public UserService(UserStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Checks every user and stores those that pass, in one transaction; the others are reported by index. 50007 when
     * there is no user at all, 50402 above {@value UserRules#MAX_IMPORT}.
     */
    public CompletableFuture<Outcome<ImportResult>> importUsers(String appKey, UserImport request) {
        List<UserRequest> given = request == null ? null : request.users();
        if (given == null || given.isEmpty()) {
            return CompletableFuture.completedFuture(Outcome.fail(ApiError.INVALID_BODY, "users: empty"));
        }
        if (given.size() > UserRules.MAX_IMPORT) {
            return CompletableFuture.completedFuture(Outcome.fail(ApiError.TOO_MANY_USERS, given.size()
                + " users (expected: at most " + UserRules.MAX_IMPORT + ")"));
        }
        return onWorker(() -> {
            List<StoredUser> valid = new ArrayList<>(given.size());
            List<ImportResult.Failure> failures = new ArrayList<>();
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < given.size(); i++) {
                UserRequest user = given.get(i);
                Outcome<StoredUser> checked = UserRules.check(user, null);
                String id = user == null ? null : user.userId();
                if (!checked.isOk()) {
                    failures.add(new ImportResult.Failure(i, id, checked.error(), checked.message()));
                    continue;
                }
                Integer earlier = seen.putIfAbsent(id, i);
                if (earlier != null) {
                    failures.add(new ImportResult.Failure(i, id, ApiError.INVALID_BODY, ApiError.INVALID_BODY.message()
                        + ": user_id " + id + " is already at index " + earlier));
                    continue;
                }
                valid.add(checked.value());
            }
            if (!valid.isEmpty()) {
                store.upsert(appKey, valid, clock.instant());
            }
            return Outcome.ok(new ImportResult(valid.size(), failures));
        });
    }

    /** Replaces an existing user: 50401 when the app has none with this id. */
    public CompletableFuture<Outcome<StoredUser>> update(String appKey, String userId, UserRequest request) {
        Outcome<StoredUser> checked = UserRules.check(request, userId);
        if (!checked.isOk()) {
            return CompletableFuture.completedFuture(checked);
        }
        return onWorker(() -> store.update(appKey, checked.value(), clock.instant()) ? checked
            : Outcome.fail(ApiError.USER_NOT_FOUND, userId));
    }

    /** A user: 50401 when the app has none with this id. */
    public CompletableFuture<Outcome<StoredUser>> user(String appKey, String userId) {
        return onWorker(() -> store.user(appKey, userId).map(Outcome::ok)
            .orElseGet(() -> Outcome.fail(ApiError.USER_NOT_FOUND, userId)));
    }

    /** Deletes a user: 50401 when the app has none with this id. */
    public CompletableFuture<Outcome<String>> delete(String appKey, String userId) {
        return onWorker(() -> store.delete(appKey, userId) ? Outcome.ok(userId)
            : Outcome.fail(ApiError.USER_NOT_FOUND, userId));
    }

    /** A page of the app's users for the operator ({@link UserStore#search}). */
    public CompletableFuture<Outcome<List<StoredUser>>> search(String appKey, String query, String afterUserId,
                                                              int limit) {
        return onWorker(() -> Outcome.ok(store.search(appKey, query, afterUserId, limit)));
    }

    /** The app's users among {@code userIds}, by id (absent: unknown). */
    public CompletableFuture<Outcome<Map<String, StoredUser>>> resolve(String appKey, List<String> userIds) {
        return onWorker(() -> Outcome.ok(store.users(appKey, userIds)));
    }

    private <T> CompletableFuture<Outcome<T>> onWorker(Supplier<Outcome<T>> work) {
        return worker.run(work);
    }

    /** Stops the database thread once the queued requests are done. */
    @Override
    public void close() {
        worker.close();
    }
}
