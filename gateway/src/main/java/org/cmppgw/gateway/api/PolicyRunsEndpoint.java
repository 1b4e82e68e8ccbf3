package org.cmppgw.gateway.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpMethod;
import org.cmppgw.gateway.clicks.ClickLinks;
import org.cmppgw.gateway.clicks.ClickTracking;
import org.cmppgw.gateway.email.EmailRequest;
import org.cmppgw.gateway.email.EmailRules;
import org.cmppgw.gateway.email.NewEmail;
import org.cmppgw.gateway.intake.AcceptedMessage;
import org.cmppgw.gateway.intake.ApiError;
import org.cmppgw.gateway.intake.BatchAdmission;
import org.cmppgw.gateway.intake.IntakeRefusedException;
import org.cmppgw.gateway.intake.MessageAdmission;
import org.cmppgw.gateway.intake.Outcome;
import org.cmppgw.gateway.intake.SendBatchRequest;
import org.cmppgw.gateway.metrics.GatewayMetrics;
import org.cmppgw.gateway.policy.PolicyRules;
import org.cmppgw.gateway.policy.PolicyRun;
import org.cmppgw.gateway.policy.PolicyRuns;
import org.cmppgw.gateway.policy.PolicyService;
import org.cmppgw.gateway.policy.RunContent;
import org.cmppgw.gateway.policy.RunStep;
import org.cmppgw.gateway.policy.SendPolicy;
import org.cmppgw.gateway.users.StoredUser;
import org.cmppgw.gateway.users.UserRules;
import org.cmppgw.gateway.users.UserSendRequest;
import org.cmppgw.gateway.users.UserService;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;

/**
 * Sends with a send policy (docs/api.md "Send policies"): {@code POST /v1/users/messages} with {@code policy_id}
 * starts one run per user, whose first step goes out at once through the ordinary SMS or email path; and
 * {@code GET} / {@code DELETE /v1/policy_runs/{run_id}} read and withdraw a run. The content of every channel of the
 * policy is checked and rendered here, once, so a later step cannot fail on it.
 */
final class PolicyRunsEndpoint {
    static final String RUN_ID = "run_id";
    private static final String LABEL = "users_messages_policy";
    private static final PolicyRules STORED = new PolicyRules(true);

    private final UserService users;
    private final PolicyService policies;
    private final PolicyRuns runs;
    private final MessageAdmission admission;
    private final EmailRules emailRules;
    private final boolean emailServed;
    private final JsonResponses json;
    private final GatewayMetrics metrics;
    /** Makes the stand-in links of SMS sent with {@code track_links}; null when click tracking is off. */
    private final ClickTracking clicks;

    /**
     * The content of every channel, checked for the users it goes to.
     *
     * @param smsLinks with {@code track_links}, the stand-in tracking URLs of the SMS text and their links, else null
     */
    private record Contents(Map<String, AcceptedMessage> smsByMobile, Map<String, String> smsRefusals,
                            RunContent.Email email, String callbackUrl, Map<String, String> smsLinks) {
    }

    PolicyRunsEndpoint(UserService users, PolicyService policies, MessageAdmission admission, EmailRules emailRules,
                       boolean emailServed, JsonResponses json, GatewayMetrics metrics) {
        this(users, policies, admission, emailRules, emailServed, json, metrics, null);
    }

    /** @param clicks {@code track_links} (docs/api.md "Click tracking"), or null when click tracking is off */
    PolicyRunsEndpoint(UserService users, PolicyService policies, MessageAdmission admission, EmailRules emailRules,
                       boolean emailServed, JsonResponses json, GatewayMetrics metrics, ClickTracking clicks) {
        this.clicks = clicks;
        this.users = users;
        this.policies = policies;
        this.runs = policies.runs();
        this.admission = admission;
        this.emailRules = emailRules;
        this.emailServed = emailServed;
        this.json = json;
        this.metrics = metrics;
    }

    List<ApiRoute> routes() {
        return List.of(
            new ApiRoute(HttpMethod.GET, "/v1/policy_runs/{run_id}", BodyRule.NONE, "policy_runs_get", this::get),
            new ApiRoute(HttpMethod.DELETE, "/v1/policy_runs/{run_id}", BodyRule.NONE, "policy_runs_withdraw",
                this::withdraw));
    }

    /** {@code POST /v1/users/messages} with a {@code policy_id}. */
    CompletableFuture<ApiReply> send(ApiRequest request, UserSendRequest send) {
        ByteBufAllocator alloc = request.alloc();
        Outcome<List<String>> ids = check(send);
        if (!ids.isOk()) {
            return TemplatesEndpoint.done(json.error(alloc, ids));
        }
        long policyId = PoliciesEndpoint.id(send.policyId());
        if (policyId < 0) {
            return TemplatesEndpoint.done(json.error(alloc, ApiError.POLICY_NOT_FOUND, send.policyId()));
        }
        String appKey = request.app().appKey();
        return policies.policy(appKey, policyId).thenCompose(found -> {
            if (!found.isOk()) {
                return CompletableFuture.completedFuture(json.error(alloc, found));
            }
            SendPolicy policy = STORED.check(found.value().form()).value();
            return users.resolve(appKey, ids.value()).thenComposeAsync(resolved -> resolved.isOk()
                ? start(request, send, policyId, policy, ids.value(), resolved.value())
                : TemplatesEndpoint.done(json.error(alloc, resolved)), request.loop());
        });
    }

    private Outcome<List<String>> check(UserSendRequest send) {
        if (runs == null) {
            return Outcome.fail(ApiError.INVALID_BODY, "policy_id: sends with a policy are not served here");
        }
        if (send.tracksLinks() && clicks == null) {
            return Outcome.fail(ApiError.CLICK_TRACKING_OFF, ApiError.CLICK_TRACKING_OFF.message());
        }
        if (send.channel() != null) {
            return Outcome.fail(ApiError.INVALID_BODY, "channel: not allowed with policy_id (the policy's steps"
                + " choose the channels)");
        }
        if (send.userIds() == null || send.userIds().isEmpty()) {
            return Outcome.fail(ApiError.RECIPIENTS_EMPTY, "user_ids is missing or empty");
        }
        if (send.userIds().size() > UserSendRequest.MAX_USERS) {
            return Outcome.fail(ApiError.TOO_MANY_RECIPIENTS, "user_ids has " + send.userIds().size()
                + " users (expected: at most " + UserSendRequest.MAX_USERS + ")");
        }
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        for (String id : send.userIds()) {
            if (!UserRules.isUserId(id)) {
                return Outcome.fail(ApiError.INVALID_BODY, "user_ids: " + id + " is not a user id");
            }
            ids.add(id);
        }
        return Outcome.ok(List.copyOf(ids));
    }

    private CompletableFuture<ApiReply> start(ApiRequest request, UserSendRequest send, long policyId,
                                              SendPolicy policy, List<String> ids, Map<String, StoredUser> found) {
        ByteBufAllocator alloc = request.alloc();
        Outcome<Contents> contents = contents(request, send, policy, found.values());
        if (!contents.isOk()) {
            return TemplatesEndpoint.done(json.error(alloc, contents));
        }
        Contents c = contents.value();
        List<PolicyRun> started = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String id : ids) {
            StoredUser user = found.get(id);
            if (user == null) {
                unknown.add(id);
                continue;
            }
            AcceptedMessage sms = c.smsByMobile().get(user.mobile());
            RunContent content = new RunContent(sms == null ? null : new RunContent.Sms(sms.content(),
                sms.templateId(), sms.signId(), sms.type().ordinal(), c.smsLinks()), c.smsRefusals().get(user.mobile()),
                c.email(), send.tracksLinks() ? Boolean.TRUE : null);
            started.add(new PolicyRun(policies.newId(), request.app().appKey(), policyId, id, user.mobile(),
                user.email(), policy, content, c.callbackUrl(), PolicyRun.State.RUNNING, 0, 1, 0, List.of()));
        }
        metrics.recipientsRejected(LABEL, ApiError.USER_NOT_FOUND.code(), unknown.size());
        if (started.isEmpty()) {
            return TemplatesEndpoint.done(answer(alloc, unknown, List.of()));
        }
        CompletableFuture<Outcome<List<PolicyRun>>> work;
        try {
            work = runs.start(started);
        } catch (RejectedExecutionException e) {
            return TemplatesEndpoint.done(json.error(alloc, ApiError.SERVER_BUSY, ApiError.SERVER_BUSY.message()));
        }
        return work.handleAsync((outcome, failure) -> {
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            if (cause instanceof IntakeRefusedException || cause instanceof RejectedExecutionException) {
                return json.error(alloc, ApiError.SERVER_BUSY, ApiError.SERVER_BUSY.message());
            }
            if (failure != null) {
                return json.error(alloc, ApiError.SERVER_ERROR, ApiError.SERVER_ERROR.message());
            }
            if (!outcome.isOk()) {
                return json.error(alloc, outcome);
            }
            metrics.messagesAccepted(LABEL, outcome.value().size());
            return answer(alloc, unknown, outcome.value());
        }, request.loop());
    }

    /** Checks and renders the content of each channel the policy uses; 50007 names a missing field. */
    private Outcome<Contents> contents(ApiRequest request, UserSendRequest send, SendPolicy policy,
                                       Iterable<StoredUser> found) {
        Map<String, AcceptedMessage> smsByMobile = new HashMap<>();
        Map<String, String> refusals = new HashMap<>();
        RunContent.Email email = null;
        String callbackUrl = null;
        String emailCallbackUrl = null;
        Map<String, String> tempPara = send.tempPara();
        Map<String, String> smsLinks = null;
        if (send.tracksLinks() && tempPara != null) {
            // stand-ins, as long as real tracking URLs: the text is measured with them and each message replaces
            // them with tokens of its own when it is sent (PolicyRunner.smsText)
            ClickLinks.Message standIn = clicks.links().message();
            tempPara = standIn.params(tempPara);
            smsLinks = standIn.links().isEmpty() ? null : standIn.urls();
        }
        for (SendPolicy.Step step : policy.steps()) {
            if (step.channel() == SendPolicy.Channel.SMS) {
                if (send.tempId() == null) {
                    return Outcome.fail(ApiError.INVALID_BODY, "temp_id is missing (the policy has an sms step)");
                }
                List<SendBatchRequest.Recipient> recipients = new ArrayList<>();
                LinkedHashSet<String> mobiles = new LinkedHashSet<>();
                found.forEach(u -> {
                    if (!u.mobile().isEmpty()) {
                        mobiles.add(u.mobile());
                    }
                });
                Map<String, String> params = tempPara;
                mobiles.forEach(m -> recipients.add(new SendBatchRequest.Recipient(m, params)));
                if (recipients.isEmpty()) {
                    continue;
                }
                Outcome<BatchAdmission> admitted = admission.admitBatch(request.app().rules(),
                    new SendBatchRequest(send.tempId(), send.signId(), send.callbackUrl(), recipients));
                if (!admitted.isOk()) {
                    return admitted.failure();
                }
                BatchAdmission batch = admitted.value();
                for (int i = 0; i < batch.accepted().size(); i++) {
                    smsByMobile.put(batch.acceptedMobiles().get(i), batch.accepted().get(i));
                    callbackUrl = batch.accepted().get(i).callbackUrl();
                }
                for (BatchAdmission.Failure f : batch.failures()) {
                    refusals.put(f.mobile(), "mobile refused: " + f.error().code() + " " + f.error().message());
                }
            } else {
                Outcome<NewEmail> mail = email(request, send, found);
                if (!mail.isOk()) {
                    return mail.failure();
                }
                NewEmail m = mail.value();
                email = new RunContent.Email(m.subject(), m.text(), m.html(), m.senderName());
                emailCallbackUrl = m.callbackUrl();
            }
        }
        if (callbackUrl == null) {
            callbackUrl = emailCallbackUrl;
        }
        return Outcome.ok(new Contents(smsByMobile, refusals, email, callbackUrl == null ? "" : callbackUrl,
            smsLinks));
    }

    private Outcome<NewEmail> email(ApiRequest request, UserSendRequest send, Iterable<StoredUser> found) {
        if (!emailServed) {
            return Outcome.fail(ApiError.INVALID_BODY, "policy_id: the policy has an email step and this gateway has"
                + " no email provider");
        }
        if (send.subject() == null || send.subject().isBlank()) {
            return Outcome.fail(ApiError.INVALID_BODY, "subject is missing (the policy has an email step)");
        }
        if ((send.text() == null || send.text().isEmpty()) && (send.html() == null || send.html().isEmpty())) {
            return Outcome.fail(ApiError.INVALID_BODY, "text or html is missing (the policy has an email step)");
        }
        // the email rules' check of the content, with the first user's address (a stand-in when none has one)
        String to = "nobody@example.invalid";
        for (StoredUser u : found) {
            if (!u.email().isEmpty()) {
                to = u.email();
                break;
            }
        }
        return emailRules.admit(request.app().rules(), new EmailRequest(List.of(to), null, null, send.subject(),
            send.text(), send.html(), send.senderName(), send.callbackUrl()));
    }

    private ApiReply answer(ByteBufAllocator alloc, List<String> unknown, List<PolicyRun> started) {
        return json.ok(alloc, g -> {
            g.writeStartObject();
            g.writeNumberField("success_count", started.size());
            g.writeNumberField("failure_count", unknown.size());
            g.writeArrayFieldStart("failure_recipients");
            for (String id : unknown) {
                g.writeStartObject();
                g.writeStringField("error_code", Integer.toString(ApiError.USER_NOT_FOUND.code()));
                g.writeStringField("error_message", ApiError.USER_NOT_FOUND.message());
                g.writeStringField(UsersEndpoint.USER_ID, id);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("runs");
            for (PolicyRun run : started) {
                g.writeStartObject();
                g.writeStringField(RUN_ID, Long.toString(run.runId()));
                g.writeStringField(UsersEndpoint.USER_ID, run.userId());
                writeStep(g, run.steps().get(0));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static void writeStep(JsonGenerator g, RunStep step) throws IOException {
        g.writeNumberField("step", step.step());
        g.writeStringField("channel", lower(step.channel()));
        g.writeStringField("state", step.state().label());
        if (step.sent()) {
            g.writeStringField(step.channel() == SendPolicy.Channel.SMS ? "msg_id" : "email_id",
                Long.toString(step.messageId()));
        }
        if (!step.reason().isEmpty()) {
            g.writeStringField("reason", step.reason());
        }
    }

    private CompletableFuture<ApiReply> get(ApiRequest request) {
        long id = PoliciesEndpoint.id(request.pathParam(RUN_ID));
        if (id < 0 || runs == null) {
            return notFound(request);
        }
        return runs.run(request.app().appKey(), id).thenApplyAsync(found -> !found.isOk()
            ? json.error(request.alloc(), found) : json.ok(request.alloc(), g -> writeRun(g, found.value())),
            request.loop());
    }

    private static void writeRun(JsonGenerator g, PolicyRun run) throws IOException {
        g.writeStartObject();
        g.writeStringField(RUN_ID, Long.toString(run.runId()));
        g.writeStringField(PoliciesEndpoint.POLICY_ID, Long.toString(run.policyId()));
        g.writeStringField(UsersEndpoint.USER_ID, run.userId());
        g.writeStringField("state", run.state().label());
        g.writeNumberField("outcome_step", run.outcomeStep());
        g.writeArrayFieldStart("steps");
        for (RunStep step : run.steps()) {
            g.writeStartObject();
            writeStep(g, step);
            g.writeNumberField("decided_at", step.decidedAtMillis());
            g.writeEndObject();
        }
        List<SendPolicy.Step> steps = run.policy().steps();
        for (int k = run.steps().size() + 1; k <= steps.size(); k++) {
            g.writeStartObject();
            g.writeNumberField("step", k);
            g.writeStringField("channel", lower(steps.get(k - 1).channel()));
            g.writeStringField("state", k == run.nextStep() ? "waiting" : "pending");
            if (k == run.nextStep()) {
                g.writeNumberField("due_at", run.dueAtMillis());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private CompletableFuture<ApiReply> withdraw(ApiRequest request) {
        long id = PoliciesEndpoint.id(request.pathParam(RUN_ID));
        if (id < 0 || runs == null) {
            return notFound(request);
        }
        return runs.withdraw(request.app().appKey(), id).thenApplyAsync(done -> {
            if (!done.isOk()) {
                return json.error(request.alloc(), done);
            }
            PolicyRuns.Withdrawn w = done.value();
            return json.ok(request.alloc(), g -> {
                g.writeStartObject();
                g.writeStringField(RUN_ID, Long.toString(w.run().runId()));
                g.writeStringField("result", w.withdrawn() ? "withdrawn" : "already_" + w.run().state().label());
                if (w.message() != null) {
                    g.writeStringField("message_result", w.message().label());
                }
                g.writeEndObject();
            });
        }, request.loop());
    }

    private CompletableFuture<ApiReply> notFound(ApiRequest request) {
        return TemplatesEndpoint.done(json.error(request.alloc(), ApiError.POLICY_RUN_NOT_FOUND,
            ApiError.POLICY_RUN_NOT_FOUND.message()));
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
