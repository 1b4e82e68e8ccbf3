package org.cmppgw.gateway.console;

import io.netty.handler.codec.http.HttpResponseStatus;
import org.cmppgw.gateway.config.AppConfig;
import org.cmppgw.gateway.console.pages.JtescheduleGenerated;
import org.cmppgw.gateway.console.pages.JteschedulesGenerated;
import org.cmppgw.gateway.intake.ApiError;
import org.cmppgw.gateway.schedule.Schedule;
import org.cmppgw.gateway.schedule.ScheduleStore;
import org.cmppgw.gateway.schedule.ScheduledSends;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The console's scheduled sends (docs/api.md "Scheduled sends", docs/operations.md "Console"): an app's schedules by
 * status, one schedule with its recipients (and their msg_ids once it fired), and cancelling one. A cancel is the
 * store's delete that {@code DELETE /v1/schedule/{schedule_id}} makes, so it has the same rules and the same codes:
 * 50028 for an unknown or deleted schedule, 50029 for one being sent or sent.
 */
final class SchedulePages {
    private static final Logger LOG = LoggerFactory.getLogger(SchedulePages.class);
    /** Rows of one page of the list. */
    static final int PAGE = 50;
    private static final List<String> STATUSES = List.of("scheduled", "sending", "sent", "deleted");

    private final ConsoleServices services;
    private final ScheduledSends schedules;

    SchedulePages(ConsoleServices services) {
        this.services = services;
        this.schedules = services.api().schedules();
    }

    /** Whether the gateway serves scheduled sends at all. */
    boolean served() {
        return schedules != null;
    }

    /** One page of {@code app}'s schedules in {@code status}, newest first, from below row {@code before}. */
    CompletableFuture<ConsoleReply> list(Frame frame, String app, String status, long before) {
        List<String> apps = services.config().apps().stream().map(AppConfig::appKey).toList();
        String appKey = app == null || app.isEmpty() ? (apps.isEmpty() ? "" : apps.get(0)) : app;
        String shown = status == null || status.isEmpty() ? "scheduled" : status;
        int code = STATUSES.indexOf(shown);
        if (code < 0 || !apps.contains(appKey)) {
            String error = ApiError.INVALID_BODY.code() + ": " + (code < 0 ? "status: " + shown
                + " (expected: one of " + String.join(", ", STATUSES) + ")" : "app: " + appKey
                + " (expected: a configured app)");
            return ConsolePages.done(ConsolePages.page(HttpResponseStatus.BAD_REQUEST, out -> JteschedulesGenerated
                .render(out, null, frame, apps, appKey, shown, STATUSES, List.of(), "", error)));
        }
        return schedules.list(appKey, code, before > 0 ? before : Long.MAX_VALUE, PAGE + 1).thenApply(rows -> {
            boolean more = rows.size() > PAGE;
            List<Schedule> page = more ? rows.subList(0, PAGE) : rows;
            String next = more ? "?app=" + appKey + "&status=" + shown + "&before=" + page.get(PAGE - 1).row() : "";
            return ConsolePages.page(out -> JteschedulesGenerated.render(out, null, frame, apps, appKey, shown,
                STATUSES, page, next, ""));
        });
    }

    /** One schedule with its recipients; {@code notice} after a cancel. */
    CompletableFuture<ConsoleReply> view(Frame frame, String scheduleId, String notice) {
        return view(frame, scheduleId, HttpResponseStatus.OK, notice, "");
    }

    /** Cancels a schedule not yet sent, with the rules and codes of {@code DELETE /v1/schedule/{schedule_id}}. */
    CompletableFuture<ConsoleReply> cancel(Frame frame, String scheduleId) {
        if (!ScheduledSends.isId(scheduleId)) {
            return ConsolePages.done(unknown());
        }
        return schedules.view(scheduleId).thenCompose(found -> {
            if (found.isEmpty()) {
                return ConsolePages.done(unknown());
            }
            return schedules.delete(scheduleId, found.get().appKey()).thenCompose(change -> {
                if (change == ScheduleStore.Change.DONE) {
                    LOG.info("console - operator {} cancelled schedule {} of app {}", frame.operator(), scheduleId,
                        found.get().appKey());
                    return ConsolePages.done(ConsoleReply.redirect("/console/schedules/" + scheduleId
                        + "?done=cancelled"));
                }
                ApiError error = change == ScheduleStore.Change.NOT_SCHEDULED ? ApiError.WRONG_SCHEDULE_STATUS
                    : ApiError.INVALID_SCHEDULE_ID;
                String message = error == ApiError.WRONG_SCHEDULE_STATUS
                    ? "wrong schedule status: it is being sent or was sent or deleted" : error.message();
                return view(frame, scheduleId, error.status(), "", error.code() + ": " + message);
            });
        });
    }

    private CompletableFuture<ConsoleReply> view(Frame frame, String scheduleId, HttpResponseStatus status,
                                                 String notice, String error) {
        if (!ScheduledSends.isId(scheduleId)) {
            return ConsolePages.done(unknown());
        }
        return schedules.view(scheduleId).thenApply(found -> found
            .map(s -> ConsolePages.page(status, out -> JtescheduleGenerated.render(out, null, frame, s,
                STATUSES.get(s.status()), notice, error)))
            .orElseGet(() -> unknown()));
    }

    private static ConsoleReply unknown() {
        return ConsoleReply.text(HttpResponseStatus.NOT_FOUND, ApiError.INVALID_SCHEDULE_ID.code() + ": "
            + ApiError.INVALID_SCHEDULE_ID.message() + " (unknown, or not a schedule id)");
    }
}
