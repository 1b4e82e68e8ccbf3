package org.cmppgw.gateway.catalog;

import io.netty.util.concurrent.DefaultThreadFactory;
import org.cmppgw.gateway.config.AppConfig;
import org.cmppgw.gateway.intake.ApiError;
import org.cmppgw.gateway.intake.Outcome;
import org.cmppgw.gateway.intake.StoreThread;
import org.cmppgw.gateway.intake.TemplateCatalog;
import org.cmppgw.gateway.model.MessageIdGenerator;
import org.cmppgw.gateway.model.ReviewOutcome;
import org.cmppgw.gateway.model.ReviewStatus;
import org.cmppgw.gateway.model.StoredSignature;
import org.cmppgw.gateway.model.StoredTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Creates, changes, deletes and reviews templates and signatures (docs/api.md "Templates", "Signatures", "Operator
 * API") and keeps the {@link TemplateCatalog} that admission reads up to date: reloaded after each change made here,
 * so this node sees its own changes at once, and every {@code review.refreshPeriod}, so it sees other nodes'. The
 * database work runs on one thread behind a bounded queue; a full queue answers 503/50019. Every answer is an
 * {@link Outcome}: a JSMS error, or the value.
 */
public final class CatalogService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogService.class);
    /** Changes waiting for the database thread; more are refused (503). */
    static final int QUEUE_CAPACITY = 1000;

    private final CatalogStore store;
    private final TemplateCatalog catalog;
    private final Map<String, AppConfig> apps = new HashMap<>();
    private final boolean autoApprove;
    private final MessageIdGenerator outboxIds;
    private final Clock clock;
    private final StoreThread worker;
    private final ScheduledExecutorService timer;

    /**
     * @param outboxIds ids of the callback outbox rows of review decisions (the gateway's id generator)
     */
    public CatalogService(CatalogStore store, TemplateCatalog catalog, List<AppConfig> apps, boolean autoApprove,
                          MessageIdGenerator outboxIds, Clock clock) {
        this.store = store;
        this.catalog = catalog;
        apps.forEach(a -> this.apps.put(a.appKey(), a));
        this.autoApprove = autoApprove;
        this.outboxIds = outboxIds;
        this.clock = clock;
        this.worker = new StoreThread("catalog", QUEUE_CAPACITY);
        this.timer = new ScheduledThreadPoolExecutor(1, new DefaultThreadFactory("catalog-refresh", true));
    }

    /** Loads the catalog now (blocking, start-up) and then every {@code period}. */
    public void start(Duration period) {
        reload();
        long millis = period.toMillis();
        // A refresh the busy database thread refuses is skipped: the next one comes a period later.
        timer.scheduleWithFixedDelay(() -> worker.run(() -> {
            refreshQuietly();
            return Outcome.ok(null);
        }), millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Reloads the catalog from the database now, on the database thread (what the periodic refresh does). */
    public CompletableFuture<Outcome<Void>> refresh() {
        return run(() -> Outcome.ok(null));
    }

    /** The catalog admission reads. */
    public TemplateCatalog catalog() {
        return catalog;
    }

    private void reload() {
        catalog.replace(store.templates(), store.signatures());
    }

    private void refreshQuietly() {
        try {
            reload();
        } catch (RuntimeException e) {
            LOG.warn("catalog - periodic reload failed, keeping the last one: {}", e.toString());
        }
    }

    public CompletableFuture<Outcome<Long>> createTemplate(String appKey, TemplateRequest request) {
        Outcome<NewTemplate> checked = TemplateRules.check(request);
        if (!checked.isOk()) {
            return CompletableFuture.completedFuture(checked.failure());
        }
        return run(() -> {
            long id = store.insertTemplate(appKey, checked.value(), clock.instant());
            approveIfAutomatic(CatalogStore.Subject.TEMPLATE, id);
            return Outcome.ok(id);
        });
    }

    /** Modifies a rejected template: 50013 when the app has no such template, 50047 when it is not rejected. */
    public CompletableFuture<Outcome<Long>> updateTemplate(String appKey, long id, TemplateRequest request) {
        return run(() -> {
            Optional<StoredTemplate> stored = store.template(id).filter(t -> t.visibleTo(appKey));
            if (stored.isEmpty()) {
                return Outcome.fail(ApiError.INVALID_TEMP_ID);
            }
            if (stored.get().shared() || stored.get().status() != ReviewStatus.REJECTED) {
                return Outcome.fail(ApiError.TEMPLATE_NOT_MODIFIABLE, "template " + id + " is "
                    + (stored.get().shared() ? "from the configuration" : describe(stored.get().status())));
            }
            Outcome<NewTemplate> checked = TemplateRules.check(request);
            if (!checked.isOk()) {
                return checked.failure();
            }
            if (!store.updateRejectedTemplate(appKey, id, checked.value(), clock.instant())) {
                return Outcome.fail(ApiError.TEMPLATE_NOT_MODIFIABLE, "template " + id + " changed meanwhile");
            }
            approveIfAutomatic(CatalogStore.Subject.TEMPLATE, id);
            return Outcome.ok(id);
        });
    }

    /** An app's template, or a shared one: 50013 otherwise. Read from the database, so other nodes' reviews show. */
    public CompletableFuture<Outcome<StoredTemplate>> template(String appKey, long id) {
        return read(() -> store.template(id).filter(t -> t.visibleTo(appKey)).map(Outcome::ok)
            .orElseGet(() -> Outcome.fail(ApiError.INVALID_TEMP_ID)));
    }

    /** Deletes an app's template: 50013 when it has none with this id (a shared one is changed in the file). */
    public CompletableFuture<Outcome<Long>> deleteTemplate(String appKey, long id) {
        return run(() -> {
            Optional<StoredTemplate> stored = store.template(id).filter(t -> t.visibleTo(appKey));
            if (stored.isPresent() && stored.get().shared()) {
                return Outcome.fail(ApiError.INVALID_TEMP_ID, "template " + id
                    + " is from the configuration and is changed there");
            }
            return store.deleteTemplate(appKey, id) ? Outcome.ok(id) : Outcome.fail(ApiError.INVALID_TEMP_ID);
        });
    }

    public CompletableFuture<Outcome<Long>> createSignature(String appKey, SignatureRequest request) {
        Outcome<NewSignature> checked = SignatureRules.check(request);
        if (!checked.isOk()) {
            return CompletableFuture.completedFuture(checked.failure());
        }
        return run(() -> {
            Outcome<Long> id = store.insertSignature(appKey, checked.value(), clock.instant());
            if (id.isOk()) {
                approveIfAutomatic(CatalogStore.Subject.SIGNATURE, id.value());
            }
            return id;
        });
    }

    /** Modifies a rejected signature: 50102 when the app has no such signature or it is not rejected. */
    public CompletableFuture<Outcome<Long>> updateSignature(String appKey, long id, SignatureRequest request) {
        return run(() -> {
            Optional<StoredSignature> stored = store.signature(id).filter(s -> s.visibleTo(appKey));
            if (stored.isEmpty()) {
                return Outcome.fail(ApiError.INVALID_SIGN_ID);
            }
            if (stored.get().shared() || stored.get().status() != ReviewStatus.REJECTED) {
                return Outcome.fail(ApiError.INVALID_SIGN_ID, "only a rejected signature may be modified; "
                    + id + " is " + (stored.get().shared() ? "from the configuration"
                    : describe(stored.get().status())));
            }
            Outcome<NewSignature> checked = SignatureRules.check(request);
            if (!checked.isOk()) {
                return checked.failure();
            }
            Outcome<Long> updated = store.updateRejectedSignature(appKey, id, checked.value(), clock.instant());
            if (updated.isOk()) {
                approveIfAutomatic(CatalogStore.Subject.SIGNATURE, id);
            }
            return updated;
        });
    }

    /** An app's signature, or a shared one: 50102 otherwise. */
    public CompletableFuture<Outcome<StoredSignature>> signature(String appKey, long id) {
        return read(() -> store.signature(id).filter(s -> s.visibleTo(appKey)).map(Outcome::ok)
            .orElseGet(() -> Outcome.fail(ApiError.INVALID_SIGN_ID)));
    }

    /** Whether {@code id} is the signature {@code appKey}'s messages get when they name none. */
    public boolean isDefault(String appKey, long id) {
        AppConfig app = apps.get(appKey);
        return catalog.defaultSignId(appKey, app == null ? 0 : app.defaultSignId()) == id;
    }

    /** Deletes an app's signature: 50102 when it has none with this id, 50105 when it is the app's default. */
    public CompletableFuture<Outcome<Long>> deleteSignature(String appKey, long id) {
        return run(() -> {
            Optional<StoredSignature> stored = store.signature(id).filter(s -> s.visibleTo(appKey));
            if (stored.isEmpty()) {
                return Outcome.fail(ApiError.INVALID_SIGN_ID);
            }
            if (isDefault(appKey, id)) {
                return Outcome.fail(ApiError.DEFAULT_SIGNATURE);
            }
            if (stored.get().shared()) {
                return Outcome.fail(ApiError.INVALID_SIGN_ID, "signature " + id
                    + " is from the configuration and is changed there");
            }
            return store.deleteSignature(appKey, id) ? Outcome.ok(id) : Outcome.fail(ApiError.INVALID_SIGN_ID);
        });
    }

    /** Templates (every app's) with this status, for the operator. */
    public CompletableFuture<Outcome<List<StoredTemplate>>> templates(ReviewStatus status) {
        return read(() -> Outcome.ok(store.templates().stream().filter(t -> !t.shared() && t.status() == status)
            .toList()));
    }

    /** Signatures (every app's) with this status, for the operator. */
    public CompletableFuture<Outcome<List<StoredSignature>>> signatures(ReviewStatus status) {
        return read(() -> Outcome.ok(store.signatures().stream().filter(s -> !s.shared() && s.status() == status)
            .toList()));
    }

    /** A signature's images, for the operator: 50102 when there is no such signature. */
    public CompletableFuture<Outcome<List<SignatureImage>>> images(long signId) {
        return read(() -> store.signature(signId).isEmpty() ? Outcome.fail(ApiError.INVALID_SIGN_ID)
            : Outcome.ok(store.images(signId)));
    }

    /**
     * An operator's decision on a pending template or signature; the app gets it as an {@code SMS_TEMPLATE} /
     * {@code SMS_SIGN} callback at its default callback URL.
     */
    public CompletableFuture<Outcome<ReviewOutcome>> review(CatalogStore.Subject subject, long id, boolean approve,
                                                            String reason) {
        return run(() -> review0(subject, id, approve, reason));
    }

    private Outcome<ReviewOutcome> review0(CatalogStore.Subject subject, long id, boolean approve, String reason) {
        return store.review(subject, id, approve, reason, clock.instant(), appKey -> {
            AppConfig app = apps.get(appKey);
            return app == null ? null : app.defaultCallbackUrl();
        }, outboxIds.next());
    }

    private void approveIfAutomatic(CatalogStore.Subject subject, long id) {
        if (autoApprove) {
            review0(subject, id, true, "");
        }
    }

    private static String describe(ReviewStatus status) {
        return switch (status) {
            case PENDING -> "pending review";
            case APPROVED -> "approved";
            case REJECTED -> "rejected";
        };
    }

    /** Runs a change on the database thread, then reloads the catalog if it changed something. */
    private <T> CompletableFuture<Outcome<T>> run(Supplier<Outcome<T>> work) {
        return onWorker(work, true);
    }

    /** Runs a read on the database thread. */
    private <T> CompletableFuture<Outcome<T>> read(Supplier<Outcome<T>> work) {
        return onWorker(work, false);
    }

    private <T> CompletableFuture<Outcome<T>> onWorker(Supplier<Outcome<T>> work, boolean changes) {
        return worker.run(() -> {
            Outcome<T> outcome = work.get();
            if (changes && outcome.isOk()) {
                reload();
            }
            return outcome;
        });
    }

    /** Stops the refresh and the database thread (changes queued are dropped; their requests see 503). */
    @Override
    public void close() {
        timer.shutdownNow();
        worker.close();
    }
}
