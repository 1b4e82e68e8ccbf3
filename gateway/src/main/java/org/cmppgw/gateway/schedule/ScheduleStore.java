package org.cmppgw.gateway.schedule;

import org.cmppgw.gateway.model.TemplateType;
import org.cmppgw.gateway.persistence.AcceptHook;
import org.cmppgw.gateway.persistence.sql.ClaimQuery;
import org.cmppgw.gateway.persistence.sql.Dialect;
import org.cmppgw.gateway.persistence.sql.JdbcExecutor;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Scheduled sends in the database (db/migration/V13__scheduled_sends.sql). Every change of a schedule is conditional
 * on its status, so a modification or deletion and the node sending it never both win; claims lock with
 * {@code SKIP LOCKED} on MariaDB ({@link ClaimQuery}), so two nodes never send the same schedule at once.
 */
public final class ScheduleStore implements AutoCloseable {
    /** What a modification or deletion found. */
    public enum Change { DONE, UNKNOWN, NOT_SCHEDULED, OTHER_KIND }

    /** The code a send's messages get when its claim was lost to another node meanwhile (nothing is stored). */
    public static final int CLAIM_LOST = 50029;

    private static final String INSERT = "INSERT INTO sms_schedule (schedule_id, app_key, batch, send_at, send_time,"
        + " temp_id, tag, status, claimed_by, lease_until, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, NULL, 0, ?)";
    private static final String INSERT_RECIPIENT = "INSERT INTO sms_schedule_recipient (schedule_row, position,"
        + " mobile, given_mobile, temp_para, content, template_id, sign_id, callback_url, template_type, msg_id,"
        + " refusal) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)";
    private static final String COLUMNS = "id, schedule_id, app_key, batch, send_at, send_time, temp_id, tag, status";
    private static final String FIND = "SELECT " + COLUMNS + " FROM sms_schedule WHERE schedule_id = ?";
    // walks sms_schedule_app (V23) backwards: a page costs the same however many schedules an app has
    private static final String LIST = "SELECT " + COLUMNS + " FROM sms_schedule WHERE app_key = ? AND status = ?"
        + " AND id < ? ORDER BY id DESC LIMIT ";
    private static final String RECIPIENTS = "SELECT mobile, given_mobile, temp_para, content, template_id, sign_id,"
        + " callback_url, template_type, msg_id, refusal FROM sms_schedule_recipient WHERE schedule_row = ?"
        + " ORDER BY position";
    private static final String DELETE_RECIPIENTS = "DELETE FROM sms_schedule_recipient WHERE schedule_row = ?";
    private static final String UPDATE = "UPDATE sms_schedule SET send_at = ?, send_time = ?, temp_id = ?, tag = ?"
        + " WHERE id = ? AND status = 0";
    private static final String DELETE = "UPDATE sms_schedule SET status = 3 WHERE id = ? AND status = 0";
    private static final String CLAIM = "UPDATE sms_schedule SET status = 1, claimed_by = ?, lease_until = ?"
        + " WHERE id = ?";
    private static final String RETRY = "UPDATE sms_schedule SET lease_until = ? WHERE id = ? AND status = 1"
        + " AND claimed_by = ?";
    private static final String SENT = "UPDATE sms_schedule SET status = 2 WHERE id = ? AND status = 1"
        + " AND claimed_by = ?";
    private static final String RECIPIENT_OUTCOME = "UPDATE sms_schedule_recipient SET msg_id = ?, refusal = ?"
        + " WHERE schedule_row = ? AND position = ?";

    private final JdbcExecutor executor;
    private final ClaimQuery due;
    private final ClaimQuery orphaned;

    public ScheduleStore(DataSource dataSource) {
        Dialect dialect = Dialect.of(dataSource);
        this.executor = new JdbcExecutor(dataSource, "store-schedules", 2, 256);
        this.due = new ClaimQuery(dialect, COLUMNS, "sms_schedule", "id", "status = 0 AND send_at <= ?", 1,
            "send_at, id");
        this.orphaned = new ClaimQuery(dialect, COLUMNS, "sms_schedule", "id", "status = 1 AND lease_until < ?", 1,
            "lease_until, id");
    }

    /** Stores a new schedule (its row and status are ignored); completes with it as stored. */
    public CompletableFuture<Schedule> create(Schedule schedule, long nowMillis) {
        return executor.transaction("create", c -> {
            long row;
            try (PreparedStatement insert = c.prepareStatement(INSERT, Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, schedule.scheduleId());
                insert.setString(2, schedule.appKey());
                insert.setInt(3, schedule.batch() ? 1 : 0);
                insert.setLong(4, schedule.sendAt());
                insert.setString(5, schedule.sendTime());
                insert.setLong(6, schedule.tempId());
                insert.setString(7, schedule.tag());
                insert.setLong(8, nowMillis);
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    row = keys.getLong(1);
                }
            }
            insertRecipients(c, row, schedule.recipients());
            return new Schedule(row, schedule.scheduleId(), schedule.appKey(), schedule.batch(), schedule.sendAt(),
                schedule.sendTime(), schedule.tempId(), schedule.tag(), Schedule.SCHEDULED, schedule.recipients());
        });
    }

    /** Replaces a scheduled (not yet sent, not deleted) schedule of {@code appKey} of the same kind. */
    public CompletableFuture<Change> replace(Schedule schedule) {
        return executor.transaction("replace", c -> {
            Schedule found = find(c, schedule.scheduleId(), schedule.appKey());
            Change problem = problem(found, schedule.batch());
            if (problem != null) {
                return problem;
            }
            try (PreparedStatement update = c.prepareStatement(UPDATE)) {
                update.setLong(1, schedule.sendAt());
                update.setString(2, schedule.sendTime());
                update.setLong(3, schedule.tempId());
                update.setString(4, found.tag() != null && schedule.tag() == null ? found.tag() : schedule.tag());
                update.setLong(5, found.row());
                if (update.executeUpdate() == 0) {
                    return Change.NOT_SCHEDULED;
                }
            }
            try (PreparedStatement delete = c.prepareStatement(DELETE_RECIPIENTS)) {
                delete.setLong(1, found.row());
                delete.executeUpdate();
            }
            insertRecipients(c, found.row(), schedule.recipients());
            return Change.DONE;
        });
    }

    /** Deletes a scheduled (not yet sent) schedule of {@code appKey}. */
    public CompletableFuture<Change> delete(String scheduleId, String appKey) {
        return executor.transaction("delete", c -> {
            Schedule found = find(c, scheduleId, appKey);
            if (found == null) {
                return Change.UNKNOWN;
            }
            try (PreparedStatement delete = c.prepareStatement(DELETE)) {
                delete.setLong(1, found.row());
                return delete.executeUpdate() == 1 ? Change.DONE : Change.NOT_SCHEDULED;
            }
        });
    }

    /** A schedule of {@code appKey} with its recipients; empty when unknown, another app's, or deleted. */
    public CompletableFuture<Optional<Schedule>> find(String scheduleId, String appKey) {
        return executor.transaction("find", c -> {
            Schedule found = find(c, scheduleId, appKey);
            return found == null || found.status() == Schedule.DELETED ? Optional.<Schedule>empty()
                : Optional.of(found.withRecipients(recipients(c, found.row())));
        });
    }

    /**
     * Up to {@code limit} schedules of {@code appKey} in {@code status} whose row is below {@code beforeRow}, newest
     * first, without their recipients: the operator's list (docs/operations.md "Console").
     */
    public CompletableFuture<List<Schedule>> list(String appKey, int status, long beforeRow, int limit) {
        return executor.transaction("list", c -> {
            List<Schedule> page = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement(LIST + limit)) {
                select.setString(1, appKey);
                select.setInt(2, status);
                select.setLong(3, beforeRow);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        page.add(read(row));
                    }
                }
            }
            return page;
        });
    }

    /** Any schedule, deleted ones too, with its recipients and their msg_ids once sent: the operator's view. */
    public CompletableFuture<Optional<Schedule>> view(String scheduleId) {
        return executor.transaction("view", c -> {
            try (PreparedStatement select = c.prepareStatement(FIND)) {
                select.setString(1, scheduleId);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.<Schedule>empty();
                    }
                    Schedule found = read(row);
                    return Optional.of(found.withRecipients(recipients(c, found.row())));
                }
            }
        });
    }

    /**
     * Claims up to {@code max} schedules due at {@code nowMillis}, and those whose sender's lease ran out, for
     * {@code node} until {@code nowMillis + leaseMillis}; with their recipients.
     */
    public CompletableFuture<List<Schedule>> claimDue(long nowMillis, int max, int node, long leaseMillis) {
        return executor.transaction("claim", c -> {
            List<Schedule> claimed = new ArrayList<>();
            due.forEach(c, (s, i) -> s.setLong(i, nowMillis), max, row -> claimed.add(read(row)));
            if (claimed.size() < max) {
                orphaned.forEach(c, (s, i) -> s.setLong(i, nowMillis), max - claimed.size(),
                    row -> claimed.add(read(row)));
            }
            List<Schedule> withRecipients = new ArrayList<>(claimed.size());
            try (PreparedStatement claim = c.prepareStatement(CLAIM)) {
                for (Schedule schedule : claimed) {
                    claim.setInt(1, node);
                    claim.setLong(2, nowMillis + leaseMillis);
                    claim.setLong(3, schedule.row());
                    claim.addBatch();
                    withRecipients.add(schedule.withRecipients(recipients(c, schedule.row())));
                }
                claim.executeBatch();
            }
            return withRecipients;
        });
    }

    /** Leaves a claimed schedule to be claimed again at {@code atMillis} (its send failed for now). */
    public CompletableFuture<Void> retryAt(Schedule schedule, int node, long atMillis) {
        return executor.transaction("retry", c -> {
            try (PreparedStatement retry = c.prepareStatement(RETRY)) {
                retry.setLong(1, atMillis);
                retry.setLong(2, schedule.row());
                retry.setInt(3, node);
                retry.executeUpdate();
            }
            return null;
        });
    }

    /**
     * The work that marks {@code schedule} sent in the transaction storing its messages, one per recipient sent
     * ({@code positions}: their places among the schedule's recipients): refuses them all with {@link #CLAIM_LOST}
     * when {@code node} no longer holds the claim.
     */
    public AcceptHook markSent(Schedule schedule, int node, int[] positions) {
        return (c, msgIds, verdicts) -> {
            try (PreparedStatement sent = c.prepareStatement(SENT)) {
                sent.setLong(1, schedule.row());
                sent.setInt(2, node);
                if (sent.executeUpdate() == 0) {
                    return CLAIM_LOST;
                }
            }
            try (PreparedStatement outcome = c.prepareStatement(RECIPIENT_OUTCOME)) {
                for (int i = 0; i < positions.length; i++) {
                    outcome.setLong(1, verdicts[i] == 0 ? msgIds[i] : 0);
                    outcome.setInt(2, verdicts[i]);
                    outcome.setLong(3, schedule.row());
                    outcome.setInt(4, positions[i]);
                    outcome.addBatch();
                }
                outcome.executeBatch();
            }
            return 0;
        };
    }

    @Override
    public void close() {
        executor.close();
    }

    private static Change problem(Schedule found, boolean batch) {
        if (found == null || found.status() == Schedule.DELETED) {
            return Change.UNKNOWN;
        }
        if (found.batch() != batch) {
            return Change.OTHER_KIND;
        }
        return found.status() == Schedule.SCHEDULED ? null : Change.NOT_SCHEDULED;
    }

    private static Schedule find(Connection c, String scheduleId, String appKey) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(FIND)) {
            select.setString(1, scheduleId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                Schedule found = read(row);
                return found.appKey().equals(appKey) ? found : null;
            }
        }
    }

    private static Schedule read(ResultSet row) throws SQLException {
        return new Schedule(row.getLong(1), row.getString(2), row.getString(3), row.getInt(4) == 1, row.getLong(5),
            row.getString(6), row.getLong(7), row.getString(8), row.getInt(9), List.of());
    }

    private static List<ScheduledRecipient> recipients(Connection c, long row) throws SQLException {
        List<ScheduledRecipient> list = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(RECIPIENTS)) {
            select.setLong(1, row);
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    list.add(new ScheduledRecipient(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                        r.getLong(5), r.getInt(6), r.getString(7), TemplateType.values()[r.getInt(8)], r.getLong(9),
                        r.getInt(10)));
                }
            }
        }
        return list;
    }

    private static void insertRecipients(Connection c, long row, List<ScheduledRecipient> recipients)
            throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(INSERT_RECIPIENT)) {
            for (int i = 0; i < recipients.size(); i++) {
                ScheduledRecipient r = recipients.get(i);
                insert.setLong(1, row);
                insert.setInt(2, i);
                insert.setString(3, r.mobile());
                insert.setString(4, r.givenMobile());
                insert.setString(5, r.tempPara());
                insert.setString(6, r.content());
                insert.setLong(7, r.templateId());
                insert.setInt(8, r.signId());
                insert.setString(9, r.callbackUrl());
                insert.setInt(10, r.type().ordinal());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
