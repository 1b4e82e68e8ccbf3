package org.cmppgw.gateway.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.cmppgw.gateway.config.ScheduleConfig;
import org.cmppgw.gateway.intake.AcceptedMessage;
import org.cmppgw.gateway.intake.ApiError;
import org.cmppgw.gateway.intake.BatchAdmission;
import org.cmppgw.gateway.intake.Outcome;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The scheduled-send service behind {@code /v1/schedule} (docs/api.md, "Scheduled sends"): reads {@code send_time}
 * in {@code schedules.zone}, turns admitted messages into a schedule's recipients, and stores, changes, deletes and
 * finds schedules. The {@link ScheduleFirer} sends them when due.
 */
public final class ScheduledSends {
    private static final DateTimeFormatter SEND_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
        .withResolverStyle(ResolverStyle.STRICT);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> PARAMS = new TypeReference<>() {
    };

    private final ScheduleStore store;
    private final ScheduleConfig config;
    private final Clock clock;

    public ScheduledSends(ScheduleStore store, ScheduleConfig config, Clock clock) {
        this.store = store;
        this.config = config;
        this.clock = clock;
    }

    /**
     * When {@code sendTime} is, epoch millis: 50027 when it is absent, not {@code yyyy-MM-dd HH:mm:ss}, not in the
     * future or further ahead than {@code schedules.maxAhead}.
     */
    public Outcome<Long> sendAt(String sendTime) {
        if (sendTime == null || sendTime.isBlank()) {
            return Outcome.fail(ApiError.INVALID_SEND_TIME, "send_time is empty");
        }
        long at;
        try {
            at = LocalDateTime.parse(sendTime, SEND_TIME).atZone(config.zone()).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            return Outcome.fail(ApiError.INVALID_SEND_TIME, "send_time \"" + sendTime
                + "\" (expected: yyyy-MM-dd HH:mm:ss)");
        }
        long now = clock.millis();
        if (at <= now) {
            return Outcome.fail(ApiError.INVALID_SEND_TIME, "send_time " + sendTime + " is not in the future ("
                + config.zone() + ")");
        }
        if (at - now > config.maxAhead().toMillis()) {
            return Outcome.fail(ApiError.INVALID_SEND_TIME, "send_time " + sendTime
                + " is further ahead than schedules.maxAhead");
        }
        return Outcome.ok(at);
    }

    /** A new schedule id. */
    public static String newId() {
        return UUID.randomUUID().toString();
    }

    /** Whether {@code text} can be a schedule id ({@link #newId}): anything else is unknown without a look-up. */
    public static boolean isId(String text) {
        if (text == null || text.length() != 36) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** A single schedule of one admitted message. */
    public Schedule single(String scheduleId, long sendAt, String sendTime, long tempId, AcceptedMessage message,
                           String givenMobile, Map<String, String> tempPara) {
        return new Schedule(0, scheduleId, message.appKey(), false, sendAt, sendTime, tempId, null,
            Schedule.SCHEDULED, List.of(recipient(message, givenMobile, tempPara)));
    }

    /** A batch schedule of the recipients a batch admission accepted. */
    public Schedule batch(String scheduleId, String appKey, long sendAt, String sendTime, long tempId, String tag,
                          BatchAdmission admission) {
        List<ScheduledRecipient> recipients = new ArrayList<>(admission.accepted().size());
        for (int i = 0; i < admission.accepted().size(); i++) {
            recipients.add(recipient(admission.accepted().get(i), admission.acceptedMobiles().get(i),
                admission.acceptedParams().get(i)));
        }
        return new Schedule(0, scheduleId, appKey, true, sendAt, sendTime, tempId, tag, Schedule.SCHEDULED,
            recipients);
    }

    public CompletableFuture<Schedule> create(Schedule schedule) {
        return store.create(schedule, clock.millis());
    }

    public CompletableFuture<ScheduleStore.Change> replace(Schedule schedule) {
        return store.replace(schedule);
    }

    public CompletableFuture<ScheduleStore.Change> delete(String scheduleId, String appKey) {
        return store.delete(scheduleId, appKey);
    }

    public CompletableFuture<Optional<Schedule>> find(String scheduleId, String appKey) {
        return store.find(scheduleId, appKey);
    }

    /** A page of an app's schedules in {@code status} for the operator, newest first ({@link ScheduleStore#list}). */
    public CompletableFuture<List<Schedule>> list(String appKey, int status, long beforeRow, int limit) {
        return store.list(appKey, status, beforeRow, limit);
    }

    /** Any schedule with its recipients, whatever its app and status, for the operator. */
    public CompletableFuture<Optional<Schedule>> view(String scheduleId) {
        return store.view(scheduleId);
    }

    /** A recipient's template variables as the app sent them. */
    public static Map<String, String> params(ScheduledRecipient recipient) {
        try {
            return JSON.readValue(recipient.tempPara(), PARAMS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("schedules - stored temp_para is not JSON: " + recipient.tempPara(), e);
        }
    }

    private static ScheduledRecipient recipient(AcceptedMessage m, String givenMobile, Map<String, String> tempPara) {
        String params;
        try {
            params = JSON.writeValueAsString(tempPara == null ? Map.of() : tempPara);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("schedules - cannot write temp_para", e);
        }
        return new ScheduledRecipient(m.mobile(), givenMobile, params, m.content(), m.templateId(), m.signId(),
            m.callbackUrl(), m.type(), 0, 0);
    }
}
