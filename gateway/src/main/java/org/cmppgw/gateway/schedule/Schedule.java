package org.cmppgw.gateway.schedule;

import java.util.List;
import java.util.Objects;

/**
 * A scheduled send as stored.
 *
 * @param row        the store's key
 * @param scheduleId the id the app knows (a UUID)
 * @param batch      created by {@code /v1/schedule/batch}: modified only by its batch PUT
 * @param sendAt     when it is due, epoch millis
 * @param sendTime   {@code send_time} as the app wrote it
 * @param tag        the batch's tag, or null
 * @param status     {@link #SCHEDULED}, {@link #SENDING}, {@link #SENT} or {@link #DELETED}
 */
public record Schedule(long row, String scheduleId, String appKey, boolean batch, long sendAt, String sendTime,
                       long tempId, String tag, int status, List<ScheduledRecipient> recipients) {
    public static final int SCHEDULED = 0;
    public static final int SENDING = 1;
    public static final int SENT = 2;
    public static final int DELETED = 3;

    public Schedule {
        Objects.requireNonNull(scheduleId, "scheduleId");
        Objects.requireNonNull(appKey, "appKey");
        Objects.requireNonNull(sendTime, "sendTime");
        recipients = List.copyOf(recipients);
    }

    /** The same schedule with other recipients (read with them). */
    Schedule withRecipients(List<ScheduledRecipient> list) {
        return new Schedule(row, scheduleId, appKey, batch, sendAt, sendTime, tempId, tag, status, list);
    }
}
