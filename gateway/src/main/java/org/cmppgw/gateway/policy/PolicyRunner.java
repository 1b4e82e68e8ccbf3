package org.cmppgw.gateway.policy;

import org.cmppgw.gateway.clicks.ClickLinks;
import org.cmppgw.gateway.clicks.ClickTracking;
import org.cmppgw.gateway.clicks.TrackedLink;
import org.cmppgw.gateway.dispatch.PollingThread;
import org.cmppgw.gateway.email.EmailService;
import org.cmppgw.gateway.email.NewEmail;
import org.cmppgw.gateway.intake.AcceptedMessage;
import org.cmppgw.gateway.intake.MessageIntake;
import org.cmppgw.gateway.model.Channel;
import org.cmppgw.gateway.model.TemplateType;
import org.cmppgw.gateway.persistence.AcceptHook;
import org.cmppgw.gateway.schedule.ScheduleStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Decides the steps of policy runs when their timers are due (docs/api.md "Send policies"): polls every
 * {@value #POLL_MILLIS} ms, claims the due runs ({@link PolicyRunStore#claimDue}), and for each decides its next step
 * with {@link PolicyConditions}: sends it (the step is recorded in the transaction that stores its message, only while
 * the claim holds), skips it (no address), or ends the run when an earlier step met the goal; after the last step, it
 * reads the run's final outcome. A send the intake refuses for now is tried again {@value #RETRY_MILLIS} ms later.
 * All on one thread of its own: blocking JDBC, never an event loop, nothing on the plain send path.
 */
public final class PolicyRunner implements AutoCloseable {
    static final long POLL_MILLIS = 250;
    static final long RETRY_MILLIS = 2_000;
    private static final int CLAIM_MAX = 50;
    private static final long SEND_TIMEOUT_SECONDS = 30;
    private static final Logger LOG = LoggerFactory.getLogger(PolicyRunner.class);

    private final PolicyRunStore store;
    private final PolicyConditions conditions;
    private final MessageIntake intake;
    private final EmailService emails;
    /** Tracks the links of runs sent with {@code track_links}; null when click tracking is off. */
    private final ClickTracking clicks;
    private final Clock clock;
    private final int node;
    private final long leaseMillis;
    private final PollingThread thread = new PollingThread("policy-runs");
    private long failures;

    /** @param emails the email service, or null: email steps are skipped */
    public PolicyRunner(PolicyRunStore store, PolicyConditions conditions, MessageIntake intake, EmailService emails,
                        Clock clock, int node, Duration lease) {
        this(store, conditions, intake, emails, null, clock, node, lease);
    }

    /**
     * @param emails the email service, or null: email steps are skipped
     * @param clicks click tracking, or null when it is off (docs/api.md "Click tracking")
     */
    public PolicyRunner(PolicyRunStore store, PolicyConditions conditions, MessageIntake intake, EmailService emails,
                        ClickTracking clicks, Clock clock, int node, Duration lease) {
        this.clicks = clicks;
        this.store = store;
        this.conditions = conditions;
        this.intake = intake;
        this.emails = emails;
        this.clock = clock;
        this.node = node;
        this.leaseMillis = lease.toMillis();
    }

    public void start() {
        thread.after(0, this::tick);
    }

    private void tick() {
        int claimed = 0;
        try {
            List<PolicyRunStore.Claim> due = store.claimDue(clock.millis(), CLAIM_MAX, node, leaseMillis);
            claimed = due.size();
            for (PolicyRunStore.Claim claim : due) {
                decide(claim);
            }
        } catch (RuntimeException e) {
            warn("deciding due runs failed", e);
        }
        thread.after(claimed == CLAIM_MAX ? 0 : POLL_MILLIS, this::tick);
    }

    /** Decides the claimed run's next step (or its final outcome). */
    void decide(PolicyRunStore.Claim claim) {
        PolicyRun run = claim.run();
        List<SendPolicy.Step> steps = run.policy().steps();
        long now = clock.millis();
        if (run.nextStep() > steps.size()) {
            finalOutcome(claim, now);
            return;
        }
        int k = run.nextStep();
        SendPolicy.Step step = steps.get(k - 1);
        PolicyConditions.Verdict verdict = conditions.decide(step, run.steps());
        if (!verdict.runs()) {
            SendPolicy.Condition met = verdict.unmet();
            PolicyRun.State state = met.event() == SendPolicy.Event.NOT_CLICKED ? PolicyRun.State.CLICKED
                : PolicyRun.State.DELIVERED;
            List<RunStep> remaining = new ArrayList<>();
            for (int i = k; i <= steps.size(); i++) {
                remaining.add(new RunStep(i, steps.get(i - 1).channel(), RunStep.State.NOT_NEEDED, 0, now,
                    "step " + met.step() + " was " + state.label()));
            }
            store.finish(claim, state, met.step(), remaining, now);
            return;
        }
        String skipped = skipReason(run, step.channel());
        if (skipped != null) {
            RunStep decided = new RunStep(k, step.channel(), RunStep.State.SKIPPED, 0, now, skipped);
            store.next(claim, decided, k + 1, nextDue(run, decided));
            return;
        }
        send(claim, k, step.channel(), now);
    }

    private void send(PolicyRunStore.Claim claim, int k, SendPolicy.Channel channel, long now) {
        PolicyRun run = claim.run();
        AcceptHook hook = (c, ids, verdicts) -> {
            RunStep decided = verdicts[0] == 0
                ? new RunStep(k, channel, RunStep.State.SENT, ids[0], now, "")
                : new RunStep(k, channel, RunStep.State.SKIPPED, 0, now, "refused with " + verdicts[0]);
            return store.next(c, claim, decided, k + 1, nextDue(run, decided)) ? 0 : ScheduleStore.CLAIM_LOST;
        };
        CompletableFuture<long[]> accepted;
        if (channel == SendPolicy.Channel.SMS) {
            RunContent.Sms sms = run.content().sms();
            List<List<TrackedLink>> links = new ArrayList<>(1);
            accepted = intake.accept(List.of(new AcceptedMessage(run.appKey(), run.mobile(),
                smsText(sms, clicks, links), sms.templateId(), sms.signId(), run.callbackUrl(),
                TemplateType.values()[sms.type()].priority(), clock.instant(), TemplateType.values()[sms.type()])),
                withLinks(hook, clicks, run.appKey(), links, List.of(run.callbackUrl()), now));
        } else {
            RunContent.Email mail = run.content().email();
            accepted = emails.accept(new NewEmail(run.appKey(), List.of(run.email()), List.of(), List.of(),
                mail.subject(), mail.text(), mail.html(), mail.senderName(), run.callbackUrl(), clock.instant(),
                run.content().tracksLinks()), hook);
        }
        try {
            accepted.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) { // refused for now (busy), or the store failed: the claim stays, decided again later
            warn("run " + run.runId() + " step " + k + " not sent, trying again", e);
            store.retryAt(claim, clock.millis() + RETRY_MILLIS);
        }
    }

    /**
     * The text of one SMS of a run: with {@code track_links}, its stand-in tracking URLs ({@link RunContent.Sms#links})
     * become tokens of this message's own, whose links are added to {@code links}; without click tracking (turned off
     * since the send) the links themselves. A run without tracking sends its text as rendered, adding no links.
     */
    static String smsText(RunContent.Sms sms, ClickTracking clicks, List<List<TrackedLink>> links) {
        if (sms.links() == null || sms.links().isEmpty()) {
            links.add(List.of());
            return sms.content();
        }
        if (clicks == null) {
            String text = sms.content();
            for (var e : sms.links().entrySet()) {
                text = text.replace(e.getKey(), e.getValue());
            }
            links.add(List.of());
            return text;
        }
        ClickLinks.Message message = clicks.links().message();
        String text = message.replace(sms.content(), sms.links());
        links.add(message.links());
        return text;
    }

    /** {@code step}, then the SMS links of the accept stored in its transaction when there are any. */
    static AcceptHook withLinks(AcceptHook step, ClickTracking clicks, String appKey, List<List<TrackedLink>> links,
                                List<String> callbackUrls, long nowMillis) {
        boolean any = false;
        for (List<TrackedLink> l : links) {
            any |= !l.isEmpty();
        }
        return !any ? step
            : step.andThen(clicks.store().links(appKey, Channel.SMS, links, callbackUrls, nowMillis));
    }

    /** Why the run cannot send on {@code channel}, or null when it can. */
    private String skipReason(PolicyRun run, SendPolicy.Channel channel) {
        if (run.address(channel).isEmpty()) {
            return "the user has no " + (channel == SendPolicy.Channel.SMS ? "mobile" : "email");
        }
        if (channel == SendPolicy.Channel.SMS && run.content().sms() == null) {
            return run.content().smsRefusal() == null ? "no SMS content" : run.content().smsRefusal();
        }
        if (channel == SendPolicy.Channel.EMAIL && (run.content().email() == null || emails == null)) {
            return "this gateway has no email provider";
        }
        return null;
    }

    /** When the step after {@code decided} is due; after the last step, when the final outcome is read. */
    static long nextDue(PolicyRun run, RunStep decided) {
        List<SendPolicy.Step> steps = run.policy().steps();
        if (decided.step() >= steps.size()) {
            return decided.sent() ? decided.decidedAtMillis() + finalWait(run.policy()) : decided.decidedAtMillis();
        }
        List<RunStep> all = new ArrayList<>(run.steps());
        all.add(decided);
        return PolicyConditions.dueAt(steps.get(decided.step()), all);
    }

    /** How long after the last step's send the run's final outcome is read: the policy's longest wait. */
    static long finalWait(SendPolicy policy) {
        long wait = 0;
        for (SendPolicy.Step step : policy.steps()) {
            wait = Math.max(wait, step.decidedAfter().toMillis());
        }
        return wait;
    }

    /** After the last step: delivered or clicked on the latest step that was, else failed. */
    private void finalOutcome(PolicyRunStore.Claim claim, long now) {
        List<RunStep> decided = claim.run().steps();
        for (int i = decided.size() - 1; i >= 0; i--) {
            RunStep step = decided.get(i);
            PolicyRun.State reached = step.sent() ? conditions.reached(step) : null;
            if (reached != null) {
                store.finish(claim, reached, step.step(), List.of(), now);
                return;
            }
        }
        store.finish(claim, PolicyRun.State.FAILED, 0, List.of(), now);
    }

    private void warn(String what, Exception error) {
        if (failures++ % 100 == 0) {
            LOG.warn("policy runs - {} ({} so far): {}", what, failures, error.toString());
        }
    }

    @Override
    public void close() {
        thread.close();
    }
}
