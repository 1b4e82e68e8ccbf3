package org.cmppgw.gateway.api;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpMethod;
import org.cmppgw.gateway.intake.AcceptedMessage;
import org.cmppgw.gateway.intake.ApiError;
import org.cmppgw.gateway.intake.BatchAdmission;
import org.cmppgw.gateway.intake.MessageAdmission;
import org.cmppgw.gateway.intake.Outcome;
import org.cmppgw.gateway.schedule.Schedule;
import org.cmppgw.gateway.schedule.ScheduleRequest;
import org.cmppgw.gateway.schedule.ScheduleStore;
import org.cmppgw.gateway.schedule.ScheduledRecipient;
import org.cmppgw.gateway.schedule.ScheduledSends;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Scheduled sends (docs/api.md, "Scheduled sends"): {@code POST /v1/schedule} and {@code /v1/schedule/batch},
 * their PUTs by {@code schedule_id}, {@code GET} and {@code DELETE /v1/schedule/{schedule_id}}. A schedule's recipients
 * are admitted (template, signature, mobile, app rules) when it is created or modified, like a send; the store's
 * per-mobile rules apply when it is sent.
 */
final class SchedulesEndpoint {
    private static final String ID = "schedule_id";

    private final RequestBodies bodies;
    private final MessageAdmission admission;
    private final ScheduledSends schedules;
    private final JsonResponses json;

    SchedulesEndpoint(RequestBodies bodies, MessageAdmission admission, ScheduledSends schedules, JsonResponses json) {
        this.bodies = bodies;
        this.admission = admission;
        this.schedules = schedules;
        this.json = json;
    }

    List<ApiRoute> routes() {
        return List.of(
            new ApiRoute(HttpMethod.POST, "/v1/schedule", BodyRule.JSON, "schedule", r -> single(r, null)),
            new ApiRoute(HttpMethod.POST, "/v1/schedule/batch", BodyRule.JSON, "schedule_batch", r -> batch(r, null)),
            new ApiRoute(HttpMethod.PUT, "/v1/schedule/{schedule_id}", BodyRule.JSON, "schedule_update",
                r -> single(r, r.pathParam(ID))),
            new ApiRoute(HttpMethod.PUT, "/v1/schedule/batch/{schedule_id}", BodyRule.JSON, "schedule_batch_update",
                r -> batch(r, r.pathParam(ID))),
            new ApiRoute(HttpMethod.GET, "/v1/schedule/{schedule_id}", BodyRule.NONE, "schedule_get", this::get),
            new ApiRoute(HttpMethod.DELETE, "/v1/schedule/{schedule_id}", BodyRule.NONE, "schedule_delete",
                this::delete));
    }

    /** A single schedule: created when {@code existing} is null, else replacing it. */
    private CompletableFuture<ApiReply> single(ApiRequest request, String existing) {
        ByteBufAllocator alloc = request.alloc();
        Outcome<ScheduleRequest> parsed = bodies.read(ScheduleRequest.class, request.body());
        if (!parsed.isOk()) {
            return done(json.error(alloc, parsed));
        }
        ScheduleRequest body = parsed.value();
        Outcome<Long> sendAt = schedules.sendAt(body.sendTime());
        if (!sendAt.isOk()) {
            return done(json.error(alloc, sendAt));
        }
        Outcome<AcceptedMessage> admitted = admission.admitOne(request.app().rules(), body.one());
        if (!admitted.isOk()) {
            return done(json.error(alloc, admitted));
        }
        String id = existing == null ? ScheduledSends.newId() : existing;
        Schedule schedule = schedules.single(id, sendAt.value(), body.sendTime(), body.tempId(), admitted.value(),
            body.mobile(), body.tempPara());
        return store(request, schedule, existing != null, () -> json.ok(alloc, g -> {
            g.writeStartObject();
            g.writeStringField(ID, id);
            g.writeEndObject();
        }));
    }

    /** A batch schedule: created when {@code existing} is null, else replacing it. */
    private CompletableFuture<ApiReply> batch(ApiRequest request, String existing) {
        ByteBufAllocator alloc = request.alloc();
        Outcome<ScheduleRequest> parsed = bodies.read(ScheduleRequest.class, request.body());
        if (!parsed.isOk()) {
            return done(json.error(alloc, parsed));
        }
        ScheduleRequest body = parsed.value();
        if (body.tag() != null && body.tag().length() > ScheduleRequest.MAX_TAG) {
            return done(json.error(alloc, ApiError.INVALID_BODY, "tag: at most " + ScheduleRequest.MAX_TAG
                + " characters"));
        }
        Outcome<Long> sendAt = schedules.sendAt(body.sendTime());
        if (!sendAt.isOk()) {
            return done(json.error(alloc, sendAt));
        }
        Outcome<BatchAdmission> admitted = admission.admitBatch(request.app().rules(), body.batch());
        if (!admitted.isOk()) {
            return done(json.error(alloc, admitted));
        }
        BatchAdmission batch = admitted.value();
        if (batch.accepted().isEmpty()) {
            return done(json.scheduledBatch(alloc, existing, 0, batch));
        }
        String id = existing == null ? ScheduledSends.newId() : existing;
        Schedule schedule = schedules.batch(id, request.app().appKey(), sendAt.value(), body.sendTime(),
            body.tempId(), body.tag(), batch);
        return store(request, schedule, existing != null,
            () -> json.scheduledBatch(alloc, id, batch.accepted().size(), batch));
    }

    /** The answer once stored. */
    private interface Answer {
        ApiReply reply();
    }

    private CompletableFuture<ApiReply> store(ApiRequest request, Schedule schedule, boolean replace, Answer answer) {
        CompletableFuture<ScheduleStore.Change> stored = replace ? schedules.replace(schedule)
            : schedules.create(schedule).thenApply(created -> ScheduleStore.Change.DONE);
        return stored.handleAsync((change, error) -> {
            if (error != null) {
                return json.error(request.alloc(), ApiError.SERVER_ERROR, "schedules - not stored: " + error);
            }
            return change == ScheduleStore.Change.DONE ? answer.reply() : changeError(request.alloc(), change);
        }, request.loop());
    }

    private CompletableFuture<ApiReply> get(ApiRequest request) {
        CompletableFuture<Optional<Schedule>> found = schedules.find(request.pathParam(ID), request.app().appKey());
        return found.handleAsync((schedule, error) -> {
            ByteBufAllocator alloc = request.alloc();
            if (error != null) {
                return json.error(alloc, ApiError.SERVER_ERROR, "schedules - not read: " + error);
            }
            if (schedule.isEmpty()) {
                return json.error(alloc, ApiError.INVALID_SCHEDULE_ID, ApiError.INVALID_SCHEDULE_ID.message());
            }
            Schedule s = schedule.get();
            return json.ok(alloc, g -> {
                g.writeStartObject();
                g.writeStringField(ID, s.scheduleId());
                g.writeStringField("send_time", s.sendTime());
                g.writeNumberField("temp_id", s.tempId());
                if (s.tag() != null) {
                    g.writeStringField("tag", s.tag());
                }
                g.writeStringField("status", status(s.status()));
                g.writeArrayFieldStart("recipients");
                for (ScheduledRecipient r : s.recipients()) {
                    g.writeStartObject();
                    if (r.msgId() != 0) {
                        g.writeStringField("msg_id", Long.toUnsignedString(r.msgId()));
                    }
                    if (r.refusal() != 0) {
                        g.writeStringField("error_code", Integer.toString(r.refusal()));
                    }
                    g.writeStringField("mobile", r.givenMobile());
                    JsonResponses.writeParams(g, ScheduledSends.params(r));
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            });
        }, request.loop());
    }

    private CompletableFuture<ApiReply> delete(ApiRequest request) {
        return schedules.delete(request.pathParam(ID), request.app().appKey()).handleAsync((change, error) -> {
            if (error != null) {
                return json.error(request.alloc(), ApiError.SERVER_ERROR, "schedules - not deleted: " + error);
            }
            return change == ScheduleStore.Change.DONE ? json.empty(request.alloc())
                : changeError(request.alloc(), change);
        }, request.loop());
    }

    private ApiReply changeError(ByteBufAllocator alloc, ScheduleStore.Change change) {
        return switch (change) {
            case UNKNOWN -> json.error(alloc, ApiError.INVALID_SCHEDULE_ID, ApiError.INVALID_SCHEDULE_ID.message());
            case OTHER_KIND -> json.error(alloc, ApiError.INVALID_SCHEDULE_ID,
                "invalid schedule_id: a single schedule is changed by PUT /v1/schedule/{schedule_id}, a batch by"
                    + " PUT /v1/schedule/batch/{schedule_id}");
            case NOT_SCHEDULED -> json.error(alloc, ApiError.WRONG_SCHEDULE_STATUS,
                "wrong schedule status: it is being sent or was sent or deleted");
            case DONE -> throw new IllegalArgumentException("change: DONE (expected: a problem)");
        };
    }

    private static String status(int status) {
        return switch (status) {
            case Schedule.SCHEDULED -> "scheduled";
            case Schedule.SENDING -> "sending";
            case Schedule.SENT -> "sent";
            default -> "deleted";
        };
    }

    private static CompletableFuture<ApiReply> done(ApiReply reply) {
        return CompletableFuture.completedFuture(reply);
    }
}
