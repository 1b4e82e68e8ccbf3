package org.cmppgw.gateway.api;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpMethod;
import org.cmppgw.gateway.clicks.ClickLinks;
import org.cmppgw.gateway.clicks.ClickTracking;
import org.cmppgw.gateway.clicks.TrackedLink;
import org.cmppgw.gateway.email.EmailRequest;
import org.cmppgw.gateway.email.EmailRules;
import org.cmppgw.gateway.email.EmailService;
import org.cmppgw.gateway.email.EmailTemplate;
import org.cmppgw.gateway.email.NewEmail;
import org.cmppgw.gateway.intake.ApiError;
import org.cmppgw.gateway.intake.BatchAdmission;
import org.cmppgw.gateway.intake.MessageAdmission;
import org.cmppgw.gateway.intake.MessageIntake;
import org.cmppgw.gateway.intake.Outcome;
import org.cmppgw.gateway.intake.SendBatchRequest;
import org.cmppgw.gateway.metrics.GatewayMetrics;
import org.cmppgw.gateway.model.Channel;
import org.cmppgw.gateway.persistence.AcceptHook;
import org.cmppgw.gateway.policy.PolicyService;
import org.cmppgw.gateway.users.StoredUser;
import org.cmppgw.gateway.users.UserRules;
import org.cmppgw.gateway.users.UserSendRequest;
import org.cmppgw.gateway.users.UserService;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;

/**
 * {@code POST /v1/users/messages} (docs/api.md "Send to users"): one message to users by id over one channel. The ids
 * are resolved to the stored mobile or address once; then the SMS goes through the same admission and intake as
 * {@code POST /v1/messages/batch}, the email through the same rules and service as {@code POST /v1/emails} (there is
 * no second send path). Users sharing a mobile or an address get one message, reported under each of their ids.
 */
final class UserSendsEndpoint {
    static final String LABEL = "users_messages";

    private final RequestBodies bodies;
    private final UserService users;
    private final MessageAdmission admission;
    private final IntakeGate gate;
    private final EmailRules emailRules;
    private final EmailService emails;
    private final JsonResponses json;
    private final GatewayMetrics metrics;
    private final PolicyRunsEndpoint policySends;
    /** Rewrites the links of sends with {@code track_links}; null when click tracking is off. */
    private final ClickTracking clicks;

    /** A user the send could not reach. */
    private record Refused(String userId, ApiError error, String message) {
    }

    /** The users of one send, grouped by where their message goes, and those it cannot reach. */
    private record Audience(Map<String, List<String>> byAddress, List<Refused> refused) {
    }

    /**
     * @param emails the email service, or null: email sends are refused (50007)
     */
    UserSendsEndpoint(RequestBodies bodies, UserService users, MessageAdmission admission, MessageIntake intake,
                      EmailRules emailRules, EmailService emails, JsonResponses json, GatewayMetrics metrics,
                      LongSupplier nanoClock, Duration acceptTimeout) {
        this(bodies, users, admission, intake, emailRules, emails, json, metrics, nanoClock, acceptTimeout, null);
    }

    /**
     * @param emails   the email service, or null: email sends are refused (50007)
     * @param policies sends with {@code policy_id} (docs/api.md "Send policies"), or null: refused (50007)
     */
    UserSendsEndpoint(RequestBodies bodies, UserService users, MessageAdmission admission, MessageIntake intake,
                      EmailRules emailRules, EmailService emails, JsonResponses json, GatewayMetrics metrics,
                      LongSupplier nanoClock, Duration acceptTimeout, PolicyService policies) {
        this(bodies, users, admission, intake, emailRules, emails, json, metrics, nanoClock, acceptTimeout, policies,
            null);
    }

    /**
     * @param emails   the email service, or null: email sends are refused (50007)
     * @param policies sends with {@code policy_id} (docs/api.md "Send policies"), or null: refused (50007)
     * @param clicks   {@code track_links} (docs/api.md "Click tracking"), or null: refused (50501)
     */
    UserSendsEndpoint(RequestBodies bodies, UserService users, MessageAdmission admission, MessageIntake intake,
                      EmailRules emailRules, EmailService emails, JsonResponses json, GatewayMetrics metrics,
                      LongSupplier nanoClock, Duration acceptTimeout, PolicyService policies, ClickTracking clicks) {
        this.clicks = clicks;
        this.policySends = policies == null ? null
            : new PolicyRunsEndpoint(users, policies, admission, emailRules, emails != null, json, metrics, clicks);
        this.bodies = bodies;
        this.users = users;
        this.admission = admission;
        this.gate = new IntakeGate(intake, metrics, json, acceptTimeout, nanoClock);
        this.emailRules = emailRules;
        this.emails = emails;
        this.json = json;
        this.metrics = metrics;
    }

    List<ApiRoute> routes() {
        List<ApiRoute> routes = new ArrayList<>();
        routes.add(new ApiRoute(HttpMethod.POST, "/v1/users/messages", BodyRule.JSON, LABEL, this::send));
        if (policySends != null) {
            routes.addAll(policySends.routes());
        }
        return routes;
    }

    private CompletableFuture<ApiReply> send(ApiRequest request) {
        ByteBufAllocator alloc = request.alloc();
        Outcome<UserSendRequest> parsed = bodies.read(UserSendRequest.class, request.body());
        if (!parsed.isOk()) {
            return TemplatesEndpoint.done(json.error(alloc, parsed));
        }
        UserSendRequest send = parsed.value();
        if (send.tracksLinks() && clicks == null) {
            return TemplatesEndpoint.done(json.error(alloc, ApiError.CLICK_TRACKING_OFF,
                ApiError.CLICK_TRACKING_OFF.message()));
        }
        if (send.emailTempId() == null) {
            return send(request, send);
        }
        if (emails == null) {
            return TemplatesEndpoint.done(json.error(alloc, ApiError.INVALID_BODY,
                "email_temp_id: this gateway has no email provider"));
        }
        if (send.subject() != null || send.text() != null || send.html() != null) {
            return TemplatesEndpoint.done(json.error(alloc, ApiError.INVALID_BODY,
                "invalid body: email_temp_id replaces subject, text and html"));
        }
        CompletableFuture<EmailTemplate> template;
        try {
            template = emails.templates(t -> t.find(request.app().appKey(), send.emailTempId()));
        } catch (RejectedExecutionException e) {
            return TemplatesEndpoint.done(json.error(alloc, ApiError.SERVER_BUSY, ApiError.SERVER_BUSY.message()));
        }
        return template.handleAsync((found, failure) -> {
            if (failure != null) {
                return TemplatesEndpoint.done(json.error(alloc, ApiError.SERVER_ERROR,
                    ApiError.SERVER_ERROR.message()));
            }
            if (found == null) {
                return TemplatesEndpoint.done(json.error(alloc, ApiError.INVALID_TEMP_ID,
                    "email_temp_id: " + send.emailTempId() + " is not an email template of this app"));
            }
            Outcome<EmailTemplate.Filled> filled = found.fill(send.emailTempPara());
            if (!filled.isOk()) {
                return TemplatesEndpoint.done(json.error(alloc, filled));
            }
            EmailTemplate.Filled content = filled.value();
            return send(request, send.withEmailContent(content.subject(), content.text(), content.html()));
        }, request.loop()).thenCompose(reply -> reply);
    }

    /** The send with its email content in place (given, or filled from its email template). */
    private CompletableFuture<ApiReply> send(ApiRequest request, UserSendRequest send) {
        ByteBufAllocator alloc = request.alloc();
        if (send.policyId() != null) {
            return policySends == null ? TemplatesEndpoint.done(json.error(alloc, ApiError.INVALID_BODY,
                "policy_id: sends with a policy are not served here")) : policySends.send(request, send);
        }
        Outcome<List<String>> ids = check(send);
        if (!ids.isOk()) {
            return TemplatesEndpoint.done(json.error(alloc, ids));
        }
        boolean sms = UserSendRequest.SMS.equals(send.channel());
        return users.resolve(request.app().appKey(), ids.value()).thenComposeAsync(found -> {
            if (!found.isOk()) {
                return TemplatesEndpoint.done(json.error(alloc, found));
            }
            Audience audience = audience(ids.value(), found.value(), sms);
            for (Refused r : audience.refused()) {
                metrics.recipientsRejected(LABEL, r.error().code(), 1);
            }
            if (audience.byAddress().isEmpty()) {
                return TemplatesEndpoint.done(answer(alloc, sms, audience.refused(), List.of(), new long[0], audience));
            }
            return sms ? sendSms(request, send, audience) : sendEmail(request, send, audience);
        }, request.loop());
    }

    private Outcome<List<String>> check(UserSendRequest send) {
        boolean sms = UserSendRequest.SMS.equals(send.channel());
        if (!sms && !UserSendRequest.EMAIL.equals(send.channel())) {
            return Outcome.fail(ApiError.INVALID_BODY, "channel: " + send.channel() + " (expected: sms or email)");
        }
        if (!sms && emails == null) {
            return Outcome.fail(ApiError.INVALID_BODY, "channel: email (this gateway has no email provider)");
        }
        if (send.userIds() == null || send.userIds().isEmpty()) {
            return Outcome.fail(ApiError.RECIPIENTS_EMPTY, "user_ids is missing or empty");
        }
        int max = sms ? UserSendRequest.MAX_USERS : EmailRules.MAX_TO;
        if (send.userIds().size() > max) {
            return Outcome.fail(ApiError.TOO_MANY_RECIPIENTS, "user_ids has " + send.userIds().size()
                + " users (expected: at most " + max + " for " + send.channel() + ")");
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

    private static Audience audience(List<String> ids, Map<String, StoredUser> found, boolean sms) {
        Map<String, List<String>> byAddress = new LinkedHashMap<>();
        List<Refused> refused = new ArrayList<>();
        for (String id : ids) {
            StoredUser user = found.get(id);
            if (user == null) {
                refused.add(new Refused(id, ApiError.USER_NOT_FOUND, ApiError.USER_NOT_FOUND.message()));
                continue;
            }
            String address = sms ? user.mobile() : user.email();
            if (address.isEmpty()) {
                ApiError error = sms ? ApiError.MISSING_MOBILE : ApiError.INVALID_BODY;
                refused.add(new Refused(id, error, error.message() + ": the user has no "
                    + (sms ? "mobile" : "email")));
                continue;
            }
            byAddress.computeIfAbsent(address, a -> new ArrayList<>()).add(id);
        }
        return new Audience(byAddress, refused);
    }

    private CompletableFuture<ApiReply> sendSms(ApiRequest request, UserSendRequest send, Audience audience) {
        ByteBufAllocator alloc = request.alloc();
        List<SendBatchRequest.Recipient> recipients = new ArrayList<>();
        // with track_links each mobile's text gets tokens of its own, rewritten before admission measures it
        Map<Map<String, String>, List<TrackedLink>> linksByParams = new IdentityHashMap<>();
        for (String mobile : audience.byAddress().keySet()) {
            Map<String, String> params = send.tempPara();
            if (send.tracksLinks() && params != null) {
                ClickLinks.Message message = clicks.links().message();
                params = message.params(params);
                if (!message.links().isEmpty()) {
                    linksByParams.put(params, message.links());
                }
            }
            recipients.add(new SendBatchRequest.Recipient(mobile, params));
        }
        Outcome<BatchAdmission> admitted = admission.admitBatch(request.app().rules(),
            new SendBatchRequest(send.tempId(), send.signId(), send.callbackUrl(), recipients));
        if (!admitted.isOk()) {
            return TemplatesEndpoint.done(json.error(alloc, admitted));
        }
        BatchAdmission batch = admitted.value();
        if (batch.accepted().isEmpty()) {
            return TemplatesEndpoint.done(answer(alloc, true, refusals(audience, batch), List.of(),
                new long[0], audience));
        }
        AcceptHook tracked = null;
        if (!linksByParams.isEmpty()) {
            List<List<TrackedLink>> links = new ArrayList<>(batch.accepted().size());
            List<String> callbackUrls = new ArrayList<>(batch.accepted().size());
            for (int i = 0; i < batch.accepted().size(); i++) {
                links.add(linksByParams.getOrDefault(batch.acceptedParams().get(i), List.of()));
                callbackUrls.add(batch.accepted().get(i).callbackUrl());
            }
            tracked = clicks.store().links(request.app().appKey(), Channel.SMS, links, callbackUrls,
                batch.accepted().get(0).acceptedAt().toEpochMilli());
        }
        return gate.accept(batch.accepted(), request.loop(), null, null, null, tracked).handleAsync((ids, failure) -> {
            if (failure != null || ids == null || ids.length != batch.accepted().size()) {
                return gate.failure(alloc, "api - intake failed to accept " + batch.accepted().size()
                    + " messages to users", failure);
            }
            BatchAdmission.Stored stored = batch.stored(ids);
            List<Refused> refused = refusals(audience, stored.admission());
            metrics.messagesAccepted(LABEL, stored.msgIds().length);
            return answer(alloc, true, refused, stored.admission().acceptedMobiles(), stored.msgIds(), audience);
        }, request.loop());
    }

    /** The users refused before the send, then those whose mobile admission or the store refused. */
    private static List<Refused> refusals(Audience audience, BatchAdmission batch) {
        List<Refused> refused = new ArrayList<>(audience.refused());
        for (BatchAdmission.Failure f : batch.failures()) {
            for (String id : audience.byAddress().getOrDefault(f.mobile(), List.of())) {
                refused.add(new Refused(id, f.error(), f.error().message()));
            }
        }
        return refused;
    }

    private CompletableFuture<ApiReply> sendEmail(ApiRequest request, UserSendRequest send, Audience audience) {
        ByteBufAllocator alloc = request.alloc();
        List<String> to = List.copyOf(audience.byAddress().keySet());
        Outcome<NewEmail> admitted = emailRules.admit(request.app().rules(), new EmailRequest(to, null, null,
            send.subject(), send.text(), send.html(), send.senderName(), send.callbackUrl(), null, null,
            send.trackLinks()));
        if (!admitted.isOk()) {
            return TemplatesEndpoint.done(json.error(alloc, admitted));
        }
        CompletableFuture<long[]> stored;
        try {
            stored = emails.accept(admitted.value());
        } catch (RejectedExecutionException e) {
            return TemplatesEndpoint.done(json.error(alloc, ApiError.SERVER_BUSY, ApiError.SERVER_BUSY.message()));
        }
        return stored.handleAsync((ids, failure) -> {
            if (failure != null) {
                return json.error(alloc, ApiError.SERVER_ERROR, ApiError.SERVER_ERROR.message());
            }
            metrics.messagesAccepted(LABEL, ids.length);
            return answer(alloc, false, audience.refused(), to, ids, audience);
        }, request.loop());
    }

    /** The answer: every user once, under the message sent to its mobile or address, or with why none was. */
    private ApiReply answer(ByteBufAllocator alloc, boolean sms, List<Refused> refused, List<String> addresses,
                            long[] ids, Audience audience) {
        return json.ok(alloc, g -> {
            int sent = 0;
            for (String address : addresses) {
                sent += audience.byAddress().get(address).size();
            }
            g.writeStartObject();
            g.writeNumberField("success_count", sent);
            g.writeNumberField("failure_count", refused.size());
            g.writeArrayFieldStart("failure_recipients");
            for (Refused r : refused) {
                g.writeStartObject();
                g.writeStringField("error_code", Integer.toString(r.error().code()));
                g.writeStringField("error_message", r.message());
                g.writeStringField(UsersEndpoint.USER_ID, r.userId());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("recipients");
            for (int i = 0; i < ids.length; i++) {
                for (String userId : audience.byAddress().get(addresses.get(i))) {
                    g.writeStartObject();
                    g.writeStringField(sms ? "msg_id" : "email_id", Long.toUnsignedString(ids[i]));
                    g.writeStringField(sms ? "mobile" : "email", addresses.get(i));
                    g.writeStringField(UsersEndpoint.USER_ID, userId);
                    g.writeEndObject();
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }
}
