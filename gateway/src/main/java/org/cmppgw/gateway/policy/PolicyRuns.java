package org.cmppgw.gateway.policy;

import org.cmppgw.gateway.clicks.ClickTracking;
import org.cmppgw.gateway.clicks.TrackedLink;
import org.cmppgw.gateway.email.EmailService;
import org.cmppgw.gateway.email.NewEmail;
import org.cmppgw.gateway.intake.AcceptedMessage;
import org.cmppgw.gateway.intake.ApiError;
import org.cmppgw.gateway.intake.MessageIntake;
import org.cmppgw.gateway.intake.Outcome;
import org.cmppgw.gateway.intake.StoreThread;
import org.cmppgw.gateway.model.TemplateType;
import org.cmppgw.gateway.model.WithdrawOutcome;
import org.cmppgw.gateway.persistence.AcceptHook;
import org.cmppgw.gateway.persistence.Withdrawals;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Starts, reads and withdraws policy runs for the API (docs/api.md "Send policies"). A send's first step goes through
 * the ordinary intake (SMS) or email service, and its runs are stored in the transaction that stores its messages: a
 * run exists exactly when its first step was accepted. Later steps are the {@link PolicyRunner}'s.
 */
public final class PolicyRuns implements AutoCloseable {
    /** Requests waiting for the database thread; more are refused (503). */
    static final int QUEUE_CAPACITY = 100;

    private final PolicyRunStore store;
    private final MessageIntake intake;
    private final EmailService emails;
    private final Withdrawals withdrawals;
    /** Tracks the links of runs sent with {@code track_links}; null when click tracking is off. */
    private final ClickTracking clicks;
    private final Clock clock;
    private final StoreThread worker = new StoreThread("policy-runs", QUEUE_CAPACITY);

    /**
     * What a withdraw did.
     *
     * @param run       the run as it was found
     * @param withdrawn true when this call ended it; false when it had ended already
     * @param message   what became of the message of its latest sent step, or null when it had none or had ended
     */
    public record Withdrawn(PolicyRun run, boolean withdrawn, WithdrawOutcome message) {
    }

    /**
     * @param emails      the email service, or null (no email provider)
     * @param withdrawals SMS withdraws, or null
     */
    public PolicyRuns(PolicyRunStore store, MessageIntake intake, EmailService emails, Withdrawals withdrawals,
                      Clock clock) {
        this(store, intake, emails, withdrawals, null, clock);
    }

    /**
     * @param emails      the email service, or null (no email provider)
     * @param withdrawals SMS withdraws, or null
     * @param clicks      click tracking, or null when it is off (docs/api.md "Click tracking")
     */
    public PolicyRuns(PolicyRunStore store, MessageIntake intake, EmailService emails, Withdrawals withdrawals,
                      ClickTracking clicks, Clock clock) {
        this.clicks = clicks;
        this.store = store;
        this.intake = intake;
        this.emails = emails;
        this.withdrawals = withdrawals;
        this.clock = clock;
    }

    /**
     * Starts {@code runs} (new, without steps): sends their first step where the user has an address for it and
     * stores them with it, in one transaction; completes with the runs and their first step, or exceptionally as
     * the intake or email service refused (busy: {@link org.cmppgw.gateway.intake.IntakeRefusedException}).
     *
     * @throws RejectedExecutionException when the email store threads are saturated
     */
    public CompletableFuture<Outcome<List<PolicyRun>>> start(List<PolicyRun> runs) {
        SendPolicy.Channel channel = runs.get(0).policy().steps().get(0).channel();
        long now = clock.millis();
        List<PolicyRun> sending = new ArrayList<>();
        for (PolicyRun run : runs) {
            if (sendable(run, channel)) {
                sending.add(run);
            }
        }
        AtomicReference<List<PolicyRun>> started = new AtomicReference<>();
        AcceptHook hook = (c, ids, verdicts) -> {
            List<PolicyRun> all = firstSteps(runs, sending, ids, verdicts, channel, now);
            store.insert(c, all, now);
            started.set(all);
            return 0;
        };
        if (sending.isEmpty()) {
            return worker.run(() -> {
                List<PolicyRun> all = firstSteps(runs, sending, new long[0], new int[0], channel, now);
                store.insert(all, now);
                return Outcome.ok(all);
            });
        }
        CompletableFuture<long[]> accepted;
        if (channel == SendPolicy.Channel.SMS) {
            List<AcceptedMessage> messages = new ArrayList<>(sending.size());
            List<List<TrackedLink>> links = new ArrayList<>(sending.size());
            List<String> callbackUrls = new ArrayList<>(sending.size());
            for (PolicyRun run : sending) {
                RunContent.Sms sms = run.content().sms();
                TemplateType type = TemplateType.values()[sms.type()];
                messages.add(new AcceptedMessage(run.appKey(), run.mobile(), PolicyRunner.smsText(sms, clicks, links),
                    sms.templateId(), sms.signId(), run.callbackUrl(), type.priority(), clock.instant(), type));
                callbackUrls.add(run.callbackUrl());
            }
            accepted = intake.accept(messages, PolicyRunner.withLinks(hook, clicks, sending.get(0).appKey(), links,
                callbackUrls, now));
        } else {
            PolicyRun first = sending.get(0);
            RunContent.Email mail = first.content().email();
            List<String> to = sending.stream().map(PolicyRun::email).toList();
            // with track_links, each recipient's copy gets links of its own (EmailService), so a click names its user
            accepted = emails.accept(new NewEmail(first.appKey(), to, List.of(), List.of(), mail.subject(),
                mail.text(), mail.html(), mail.senderName(), first.callbackUrl(), clock.instant(),
                first.content().tracksLinks()), hook);
        }
        return accepted.thenApply(ids -> Outcome.ok(started.get()));
    }

    private boolean sendable(PolicyRun run, SendPolicy.Channel channel) {
        if (run.address(channel).isEmpty()) {
            return false;
        }
        return channel == SendPolicy.Channel.SMS ? run.content().sms() != null
            : run.content().email() != null && emails != null;
    }

    /** The runs with their first step decided: sent ({@code ids} in the order of {@code sending}) or skipped. */
    private static List<PolicyRun> firstSteps(List<PolicyRun> runs, List<PolicyRun> sending, long[] ids,
                                              int[] verdicts, SendPolicy.Channel channel, long now) {
        List<PolicyRun> all = new ArrayList<>(runs.size());
        int sent = 0;
        for (PolicyRun run : runs) {
            RunStep first;
            if (sent < sending.size() && sending.get(sent) == run) {
                first = verdicts[sent] == 0 ? new RunStep(1, channel, RunStep.State.SENT, ids[sent], now, "")
                    : new RunStep(1, channel, RunStep.State.SKIPPED, 0, now, "refused with " + verdicts[sent]);
                sent++;
            } else {
                first = new RunStep(1, channel, RunStep.State.SKIPPED, 0, now, skipReason(run, channel));
            }
            all.add(new PolicyRun(run.runId(), run.appKey(), run.policyId(), run.userId(), run.mobile(), run.email(),
                run.policy(), run.content(), run.callbackUrl(), PolicyRun.State.RUNNING, 0, 2,
                PolicyRunner.nextDue(run, first), List.of(first)));
        }
        return all;
    }

    private static String skipReason(PolicyRun run, SendPolicy.Channel channel) {
        if (run.address(channel).isEmpty()) {
            return "the user has no " + (channel == SendPolicy.Channel.SMS ? "mobile" : "email");
        }
        if (channel == SendPolicy.Channel.SMS && run.content().smsRefusal() != null) {
            return run.content().smsRefusal();
        }
        return "this gateway has no email provider";
    }

    /** A run of the app: 50404 when it has none with this id. */
    public CompletableFuture<Outcome<PolicyRun>> run(String appKey, long runId) {
        return worker.run(() -> store.find(appKey, runId).map(Outcome::ok)
            .orElseGet(() -> Outcome.fail(ApiError.POLICY_RUN_NOT_FOUND, Long.toString(runId))));
    }

    /**
     * Withdraws a run of the app ({@link PolicyRunStore#withdraw}), then the message of its latest sent step if it
     * still waits to be sent (the ordinary withdraw, docs/api.md "Withdraw"). 50404 when it has no run with this id.
     */
    public CompletableFuture<Outcome<Withdrawn>> withdraw(String appKey, long runId) {
        long now = clock.millis();
        return worker.run(() -> store.withdraw(appKey, runId, now).map(Outcome::ok)
                .orElseGet(() -> Outcome.fail(ApiError.POLICY_RUN_NOT_FOUND, Long.toString(runId))))
            .thenCompose(found -> {
                if (!found.isOk() || found.value().state() != PolicyRun.State.RUNNING) {
                    return CompletableFuture.completedFuture(found.isOk()
                        ? Outcome.ok(new Withdrawn(found.value(), false, null)) : found.failure());
                }
                PolicyRun run = found.value();
                RunStep latest = null;
                for (RunStep step : run.steps()) {
                    if (step.sent()) {
                        latest = step;
                    }
                }
                CompletableFuture<WithdrawOutcome> message = latest == null ? CompletableFuture.completedFuture(null)
                    : withdrawMessage(run.appKey(), latest, now);
                return message.thenApply(outcome -> Outcome.ok(new Withdrawn(run, true, outcome)));
            });
    }

    private CompletableFuture<WithdrawOutcome> withdrawMessage(String appKey, RunStep step, long now) {
        if (step.channel() == SendPolicy.Channel.SMS) {
            return withdrawals == null ? CompletableFuture.completedFuture(null)
                : withdrawals.withdraw(step.messageId(), appKey);
        }
        try {
            return emails == null ? CompletableFuture.completedFuture(null)
                : emails.withdraw(step.messageId(), appKey, now);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(null);
        }
    }

    @Override
    public void close() {
        worker.close();
    }
}
