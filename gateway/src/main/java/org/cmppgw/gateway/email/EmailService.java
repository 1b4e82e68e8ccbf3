package org.cmppgw.gateway.email;

import io.netty.util.concurrent.DefaultThreadFactory;
import org.cmppgw.gateway.clicks.ClickLinks;
import org.cmppgw.gateway.clicks.ClickTracking;
import org.cmppgw.gateway.clicks.TrackedLink;
import org.cmppgw.gateway.model.Channel;
import org.cmppgw.gateway.model.MessageIdGenerator;
import org.cmppgw.gateway.model.WithdrawOutcome;
import org.cmppgw.gateway.persistence.AcceptHook;

import java.util.Arrays;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * What {@code POST /v1/emails} is built on (docs/api.md "Emails"): stores an admitted mail, one row and one id per
 * recipient, on a small bounded pool of store threads (never the event loop), then wakes the dispatcher. A full pool
 * refuses at once (the API answers 503) rather than queueing without bound.
 */
public final class EmailService implements AutoCloseable {
    private static final int THREADS = 2;
    private static final int QUEUE = 1_000;

    private final EmailStore store;
    private final EmailDispatcher dispatcher;
    private final MessageIdGenerator ids;
    private final EmailTemplates templates;
    /** Rewrites the links of mails with {@code track_links}; null when click tracking is off. */
    private final ClickTracking clicks;
    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(QUEUE), new DefaultThreadFactory("email-accept", true),
        new ThreadPoolExecutor.AbortPolicy());

    /**
     * @param ids       the gateway's id generator: email ids never collide with message ids
     * @param templates the apps' email templates
     */
    public EmailService(EmailStore store, EmailDispatcher dispatcher, MessageIdGenerator ids,
                        EmailTemplates templates) {
        this(store, dispatcher, ids, templates, null);
    }

    /**
     * @param ids       the gateway's id generator: email ids never collide with message ids
     * @param templates the apps' email templates
     * @param clicks    click tracking (docs/api.md "Click tracking"), or null when it is off
     */
    public EmailService(EmailStore store, EmailDispatcher dispatcher, MessageIdGenerator ids,
                        EmailTemplates templates, ClickTracking clicks) {
        this.clicks = clicks;
        this.store = store;
        this.dispatcher = dispatcher;
        this.ids = ids;
        this.templates = templates;
    }

    /**
     * Stores {@code email}; completes with the id of each {@code to} recipient, in order, once it is durable.
     *
     * @throws java.util.concurrent.RejectedExecutionException when the store threads are saturated
     */
    public CompletableFuture<long[]> accept(NewEmail email) {
        return CompletableFuture.supplyAsync(() -> {
            long[] emailIds = new long[email.to().size()];
            for (int i = 0; i < emailIds.length; i++) {
                emailIds[i] = ids.next();
            }
            if (email.trackLinks() && clicks != null) {
                acceptTracked(email, emailIds, null);
            } else {
                store.accept(email, emailIds);
            }
            dispatcher.wake();
            return emailIds;
        }, executor);
    }

    /** Whether a mail may ask for click tracking ({@code track_links}); else it is refused (50501). */
    public boolean tracksClicks() {
        return clicks != null;
    }

    /** Each copy with links of its own, so a click names the copy's email id; stored with its links. */
    private int acceptTracked(NewEmail email, long[] emailIds, AcceptHook hook) {
        int n = emailIds.length;
        String[] texts = new String[n];
        String[] htmls = new String[n];
        List<List<TrackedLink>> links = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ClickLinks.Message message = clicks.links().message();
            texts[i] = message.text(email.text());
            htmls[i] = message.html(email.html());
            links.add(message.links());
        }
        EmailStore.Bodies bodies = new EmailStore.Bodies() {
            @Override
            public String text(int recipient) {
                return texts[recipient];
            }

            @Override
            public String html(int recipient) {
                return htmls[recipient];
            }
        };
        AcceptHook stored = clicks.store().links(email.appKey(), Channel.EMAIL, links,
            Collections.nCopies(n, email.callbackUrl()), email.acceptedAt().toEpochMilli());
        return store.accept(email, emailIds, bodies, hook == null ? stored : hook.andThen(stored));
    }

    /**
     * As {@link #accept(NewEmail)}, with {@code hook} run in the transaction that stores the mail (a send policy's step
     * marks itself sent there; with {@code track_links}, the copies' links are stored after it). Completes with the
     * ids, or with every entry minus the hook's code when the hook refused (nothing stored).
     *
     * @throws java.util.concurrent.RejectedExecutionException when the store threads are saturated
     */
    public CompletableFuture<long[]> accept(NewEmail email, AcceptHook hook) {
        return CompletableFuture.supplyAsync(() -> {
            long[] emailIds = new long[email.to().size()];
            for (int i = 0; i < emailIds.length; i++) {
                emailIds[i] = ids.next();
            }
            int refused = email.trackLinks() && clicks != null ? acceptTracked(email, emailIds, hook)
                : store.accept(email, emailIds, hook);
            if (refused != 0) {
                Arrays.fill(emailIds, -refused);
                return emailIds;
            }
            dispatcher.wake();
            return emailIds;
        }, executor);
    }

    /**
     * Withdraws a mail that is still queued ({@link EmailStore#withdraw}), on the store threads.
     *
     * @throws java.util.concurrent.RejectedExecutionException when the store threads are saturated
     */
    public CompletableFuture<WithdrawOutcome> withdraw(long emailId, String appKey, long nowMillis) {
        return CompletableFuture.supplyAsync(() -> store.withdraw(emailId, appKey, nowMillis), executor);
    }

    /**
     * Runs {@code work} on the email templates, on the store threads.
     *
     * @throws java.util.concurrent.RejectedExecutionException when the store threads are saturated
     */
    public <T> CompletableFuture<T> templates(Function<EmailTemplates, T> work) {
        return CompletableFuture.supplyAsync(() -> work.apply(templates), executor);
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
