package org.cmppgw.gateway.callback.outbox;

import org.cmppgw.gateway.model.CallbackPayload;
import org.cmppgw.gateway.model.CallbackTask;
import org.cmppgw.gateway.model.CallbackType;
import org.cmppgw.gateway.model.Channel;
import org.cmppgw.gateway.model.ClickEvent;
import org.cmppgw.gateway.model.EmailReport;
import org.cmppgw.gateway.model.EmailStatus;
import org.cmppgw.gateway.model.FinalReport;
import org.cmppgw.gateway.model.MoMessage;
import org.cmppgw.gateway.model.PolicyReport;
import org.cmppgw.gateway.model.ReviewOutcome;
import org.cmppgw.gateway.model.ReviewStatus;
import org.cmppgw.gateway.persistence.sql.ClaimQuery;
import org.cmppgw.gateway.persistence.sql.Dialect;
import org.cmppgw.gateway.persistence.sql.InQuery;
import org.cmppgw.gateway.persistence.sql.LongList;
import org.cmppgw.gateway.persistence.sql.NodeMark;
import org.cmppgw.gateway.persistence.sql.Rows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The callback outbox: claims due rows (locked with {@code SKIP LOCKED} on MariaDB, so concurrent claimers on many
 * nodes never get the same row) and pushes each claimed row one lease ahead, so a node that dies mid-send leaves it to
 * be claimed again; then finishes rows as sent (deleted), rescheduled, deferred (the claim not counted as an attempt)
 * or abandoned. A callback this node held since its creation ({@code held_callback},
 * db/migration/V29__held_callback.sql) is deleted from there when sent; any other outcome first moves it to the outbox
 * as a row claimed by this node at its first attempt, which is then updated like any claimed row.
 */
public final class OutboxPhase {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxPhase.class);
    private static final String LEASE = "UPDATE callback_outbox SET due_at = ?, attempts = attempts + 1,"
        + " claimed_by = ? WHERE id = ?";
    private static final String SET_DUE = "UPDATE callback_outbox SET due_at = ?, claimed_by = NULL WHERE id = ?";
    /** Deferred without an attempt: the claim's increment is taken back. */
    private static final String DEFER = "UPDATE callback_outbox SET due_at = ?, attempts = attempts - 1,"
        + " claimed_by = NULL WHERE id = ? AND attempts > 0";
    /** A node's claims still under lease, made by a process of it that is gone: due at once. */
    private static final String RECLAIM = "UPDATE callback_outbox SET due_at = ?, claimed_by = NULL"
        + " WHERE claimed_by = ? AND due_at > ?";

    private static final String MOVE_HEAD = "INSERT INTO callback_outbox (id, kind, app_key, url, ref_id, created_at,"
        + " due_at, attempts, claimed_by) SELECT id, kind, app_key, url, ref_id, created_at, ?, 1, ";
    /**
     * A node's held callbacks created before {@code ?} that no dispatcher works on (left by a gone process, or older
     * than a claim lease): due at {@code ?}, unclaimed, at their attempt 1.
     */
    private static final String MOVE_NODE = MOVE_HEAD + "NULL FROM held_callback WHERE node_id = ? AND created_at < ?";
    private static final String DELETE_NODE = "DELETE FROM held_callback WHERE node_id = ? AND created_at < ?";

    /**
     * Report callbacks held in final rows (db/migration/V32__report_callback_in_final.sql) into the outbox, under their
     * task id (the negated msg_id), at attempt 1; only those not delivered and still held by the node named.
     */
    private static final String MOVE_FINALS_HEAD = "INSERT INTO callback_outbox (id, kind, app_key, url, ref_id,"
        + " created_at, due_at, attempts, claimed_by) SELECT -f.msg_id, ?, m.app_key, m.callback_url, f.msg_id,"
        + " f.final_at, ?, 1, ? FROM message_final f JOIN message m ON m.msg_id = f.msg_id WHERE f.callback_node = ?"
        + " AND f.callback_at = 0 AND f.msg_id";
    private static final String MOVE_FINALS_FROM = MOVE_FINALS_HEAD + " >= ?";
    /** Their rows no longer name the node: the callbacks are in the outbox now. */
    private static final String CLEAR_FINALS_HEAD = "UPDATE message_final SET callback_node = NULL"
        + " WHERE callback_node = ? AND callback_at = 0 AND msg_id";
    private static final String CLEAR_FINALS_FROM = CLEAR_FINALS_HEAD + " >= ?";
    /** How often the mark is written while callbacks are held in final rows. */
    private static final long MARK_INTERVAL_MILLIS = 10_000;

    /** A route's callbacks waiting for a later retry: not claimed, not abandoned, due after now. */
    private static final String WAITING = "SELECT id FROM callback_outbox WHERE app_key = ? AND url = ?"
        + " AND claimed_by IS NULL AND due_at > ? ORDER BY due_at, id LIMIT ?";
    /** The condition checked again: a row claimed or finished meanwhile keeps what it has. */
    private static final String PULL = "UPDATE callback_outbox SET due_at = ? WHERE id = ? AND claimed_by IS NULL"
        + " AND due_at > ?";

    private final int nodeId;
    private final ClaimQuery claim;
    private final InQuery reports;
    private final InQuery replies;
    private final InQuery reviews;
    private final InQuery emails;
    private final InQuery deleteSent;
    private final InQuery deleteHeld;
    private final InQuery moveHeld;
    private final InQuery.Binder thisNode;
    private final InQuery reportDelivered;
    private final InQuery policyEvents;
    private final InQuery clicks;
    private final InQuery moveFinals;
    private final InQuery clearFinals;
    private final ReportsHeldInFinals finals;
    /** Held in final rows, whose outcome this transaction records: released once it commits. Writer thread only. */
    private final LongList releasing = new LongList();
    /** When {@link #claim} next looks for stale held callbacks; the lane's writer thread only. */
    private long nextStaleCheckMillis = Long.MIN_VALUE;
    /** When {@link #markIfDue} next writes the mark; the lane's writer thread only. */
    private long nextMarkMillis = Long.MIN_VALUE;
    /** This transaction wrote the node's first mark: callbacks may be held in final rows once it commits. */
    private boolean marking;

    /** How a claimed callback ended. */
    public enum Kind { SENT, RESCHEDULED, DEFERRED, ABANDONED }

    /**
     * A claimed callback ended: sent (its row is deleted), rescheduled (new due time), deferred (new due time, the
     * claim not counted as an attempt) or abandoned (never due again).
     *
     * @param atMillis     the new due time when rescheduled or deferred; when sent, the time it was sent
     * @param reportMsgId  when sent and an SMS report: its message, which records the delivery; else 0
     * @param attempts     when sent: the attempts it took, this one included
     * @param held         when sent: a callback this node held since its creation (see {@link CallbackTask#held()})
     */
    public record Done(long taskId, Kind kind, long atMillis, long reportMsgId, int attempts, boolean held) {
        /** Any outcome but SENT, of a held or a claimed callback. */
        public Done(long taskId, Kind kind, long atMillis) {
            this(taskId, kind, atMillis, 0, 0, false);
        }
    }

    /** A claimed row before its payload is loaded. */
    private record Claimed(long id, CallbackType type, String appKey, String url, long refId, int attempts) {
    }

    /**
     * @param nodeId this node, recorded in the rows it claims
     * @param finals the report callbacks this node holds in final rows
     */
    public OutboxPhase(Dialect dialect, int nodeId, ReportsHeldInFinals finals) {
        this.nodeId = nodeId;
        this.finals = finals;
        this.moveFinals = new InQuery(dialect, MOVE_FINALS_HEAD + " IN (", 4, ")");
        this.clearFinals = new InQuery(dialect, CLEAR_FINALS_HEAD + " IN (", 1, ")");
        this.claim = new ClaimQuery(dialect, "id, kind, app_key, url, ref_id, attempts", "callback_outbox", "id",
            "due_at <= ?", 1, "due_at, id");
        this.reports = new InQuery(dialect,
            "SELECT " + Rows.REPORT_COLUMNS + " FROM message_final WHERE msg_id IN (", ")");
        this.replies = new InQuery(dialect, "SELECT " + Rows.MO_COLUMNS + " FROM mo_message WHERE mo_id IN (", ")");
        this.reviews = new InQuery(dialect, "SELECT id, kind, subject_id, status, reason, reviewed_at FROM review_event"
            + " WHERE id IN (", ")");
        this.emails = new InQuery(dialect, "SELECT id, recipient, status, finished_at, smtp_reply FROM email_message"
            + " WHERE id IN (", ")");
        this.deleteSent = new InQuery(dialect, "DELETE FROM callback_outbox WHERE id IN (", ")");
        this.thisNode = (statement, index) -> statement.setInt(index, nodeId);
        this.deleteHeld = new InQuery(dialect, "DELETE FROM held_callback WHERE node_id = ? AND id IN (", 1, ")");
        this.moveHeld = new InQuery(dialect, MOVE_HEAD + "node_id FROM held_callback WHERE node_id = ? AND id IN (", 2,
            ")");
        this.reportDelivered = new InQuery(dialect, "UPDATE message_final SET callback_at = ?, callback_attempts = ?"
            + " WHERE msg_id IN (", 2, ")");
        this.policyEvents = new InQuery(dialect, "SELECT e.id, e.run_id, r.policy_id, r.user_id, e.step, e.final,"
            + " e.outcome, e.channel, e.message_id, e.reason, e.created_at FROM policy_event e JOIN policy_run r"
            + " ON r.run_id = e.run_id WHERE e.id IN (", ")");
        // a message's CLICK is its earliest first click (db/migration/V21__click_links.sql)
        this.clicks = new InQuery(dialect, "SELECT message_id, channel, url, first_click_at FROM click_link"
            + " WHERE first_click_at IS NOT NULL AND message_id IN (", ")");
    }

    /** A new transaction of the lane begins: what an earlier one that rolled back was to release is not. */
    public void begin() {
        releasing.clear();
        marking = false;
    }

    /** The lane's transaction committed: the callbacks held in final rows whose outcome it recorded are released. */
    public void committed() {
        finals.release(releasing);
        releasing.clear();
        if (marking) {
            finals.marked();
            marking = false;
        }
    }

    public void finish(Connection connection, List<Done> writes, long nowMillis) throws SQLException {
        LongList sent = new LongList();
        LongList sentHeld = new LongList();
        LongList givenUp = new LongList();
        LongList finalsGivenUp = new LongList();
        Map<Integer, Delivered> deliveredByAttempts = new HashMap<>();
        try (PreparedStatement setDue = connection.prepareStatement(SET_DUE);
             PreparedStatement defer = connection.prepareStatement(DEFER)) {
            boolean deferred = false;
            for (Done write : writes) {
                boolean inFinal = ReportsHeldInFinals.isHeldInFinal(write.taskId());
                if (write.kind() == Kind.SENT) {
                    if (inFinal && write.held()) {
                        // its final row's delivery stamp (below) is its whole outcome
                        releasing.add(ReportsHeldInFinals.msgIdOf(write.taskId()));
                    } else {
                        (write.held() ? sentHeld : sent).add(write.taskId());
                    }
                    if (write.reportMsgId() != 0) {
                        deliveredByAttempts.computeIfAbsent(write.attempts(), a -> new Delivered()).add(write);
                    }
                    continue;
                }
                if (inFinal) {
                    finalsGivenUp.add(ReportsHeldInFinals.msgIdOf(write.taskId()));
                } else {
                    givenUp.add(write.taskId());
                }
                if (write.kind() == Kind.DEFERRED) {
                    defer.setLong(1, write.atMillis());
                    defer.setLong(2, write.taskId());
                    defer.addBatch();
                    deferred = true;
                    continue;
                }
                if (write.kind() == Kind.RESCHEDULED) {
                    setDue.setLong(1, write.atMillis());
                } else {
                    setDue.setNull(1, Types.BIGINT);
                }
                setDue.setLong(2, write.taskId());
                setDue.addBatch();
            }
            // Rare (a failed or deferred callback): whichever of these this node held become claimed outbox rows
            // before the updates above run.
            givenUp.distinctSorted();
            moveHeld.update(connection, givenUp.values(), givenUp.size(), (statement, i) -> {
                statement.setLong(i, nowMillis);
                statement.setInt(i + 1, nodeId);
            });
            deleteHeld.update(connection, givenUp.values(), givenUp.size(), thisNode);
            moveFinals(connection, finalsGivenUp.distinctSorted(), nowMillis, nodeId);
            setDue.executeBatch();
            if (deferred) {
                defer.executeBatch();
            }
        }
        // Sorted: two nodes finishing overlapping rows lock them in one order.
        sent.distinctSorted();
        deleteSent.update(connection, sent.values(), sent.size());
        sentHeld.distinctSorted();
        deleteHeld.update(connection, sentHeld.values(), sentHeld.size(), thisNode);
        // One statement per chunk and attempt count (nearly always 1), not one per message.
        for (Map.Entry<Integer, Delivered> group : deliveredByAttempts.entrySet()) {
            Delivered delivered = group.getValue();
            delivered.msgIds.distinctSorted();
            reportDelivered.update(connection, delivered.msgIds.values(), delivered.msgIds.size(), (statement, i) -> {
                statement.setLong(i, delivered.latestMillis);
                statement.setInt(i + 1, group.getKey());
            });
        }
    }

    /** The report callbacks of one finish that took the same number of attempts; stamped with the latest send. */
    private static final class Delivered {
        final LongList msgIds = new LongList();
        long latestMillis;

        void add(Done done) {
            msgIds.add(done.reportMsgId());
            latestMillis = Math.max(latestMillis, done.atMillis());
        }
    }

    /**
     * Makes this node's claims that are still under lease due now. Only at start, before this process claims
     * anything: they were made by an earlier process of this node, which is gone (a node id runs in one process at
     * a time), so nobody is sending them and their lease need not be waited out.
     *
     * @return the rows made due
     */
    public int reclaimOwn(Connection connection, long nowMillis) throws SQLException {
        int reclaimed = reclaim(connection, nodeId, nowMillis);
        // not before the commit: a mark that rolled back would leave the held callbacks where no restart looks
        marking = writeMark(connection, nowMillis);
        return reclaimed;
    }

    /**
     * Writes this node's mark if it is due (every {@value #MARK_INTERVAL_MILLIS} ms once its start wrote the first):
     * below every report callback it holds in a final row, so that its restart or adopter finds them all.
     */
    public void markIfDue(Connection connection, long nowMillis) throws SQLException {
        if (nowMillis >= nextMarkMillis && finals.isMarked()) {
            writeMark(connection, nowMillis);
        }
    }

    private boolean writeMark(Connection connection, long nowMillis) throws SQLException {
        nextMarkMillis = nowMillis + MARK_INTERVAL_MILLIS;
        return NodeMark.CALLBACKS.write(connection, nodeId, finals.mark(nowMillis));
    }

    /**
     * Makes the claims of node {@code claimedBy} that are still under lease, and the callbacks it held, due now and
     * unclaimed: at start for this node's own earlier process ({@link #reclaimOwn}), or when a live node adopts a dead
     * one (docs/operations.md "Several nodes on one database"). The caller knows that no process of {@code claimedBy}
     * is sending them.
     *
     * @return the rows made due
     */
    public static int reclaim(Connection connection, int claimedBy, long nowMillis) throws SQLException {
        try (PreparedStatement reclaim = connection.prepareStatement(RECLAIM)) {
            reclaim.setLong(1, nowMillis);
            reclaim.setInt(2, claimedBy);
            reclaim.setLong(3, nowMillis);
            return reclaim.executeUpdate() + moveHeldOf(connection, claimedBy, Long.MAX_VALUE, nowMillis)
                + moveFinalsOf(connection, claimedBy, nowMillis);
        }
    }

    /**
     * Moves the report callbacks {@code node} holds in final rows to the outbox, due now and unclaimed: those from its
     * mark on (none if it never wrote one, so it never held any there). Its mark is cleared: it holds none now, and its
     * next start, maybe days later, has no range to look through.
     */
    private static int moveFinalsOf(Connection connection, int node, long nowMillis) throws SQLException {
        long mark = NodeMark.CALLBACKS.read(connection, node);
        if (mark == 0) {
            return 0;
        }
        try (PreparedStatement move = connection.prepareStatement(MOVE_FINALS_FROM);
             PreparedStatement clear = connection.prepareStatement(CLEAR_FINALS_FROM)) {
            bindMove(move, 1, nowMillis, 0, node);
            move.setLong(5, mark);
            int moved = move.executeUpdate();
            clear.setInt(1, node);
            clear.setLong(2, mark);
            clear.executeUpdate();
            // it holds none now: its next start need not look
            NodeMark.CALLBACKS.write(connection, node, 0);
            return moved;
        }
    }

    /** The parameters {@link #MOVE_FINALS_HEAD} starts with, from {@code index}; {@code claimedBy} 0: unclaimed. */
    private static void bindMove(PreparedStatement move, int index, long dueAt, int claimedBy, int node)
            throws SQLException {
        move.setInt(index, CallbackType.SMS_REPORT.code());
        move.setLong(index + 1, dueAt);
        if (claimedBy == 0) {
            move.setNull(index + 2, Types.SMALLINT);
        } else {
            move.setInt(index + 2, claimedBy);
        }
        move.setInt(index + 3, node);
    }

    /**
     * Moves this node's report callbacks held in the final rows of {@code msgIds} (sorted) to the outbox, due at
     * {@code nowMillis} and claimed by {@code claimedBy} (0: unclaimed); released from {@link #finals} once the
     * transaction commits.
     */
    private void moveFinals(Connection connection, LongList msgIds, long nowMillis, int claimedBy)
            throws SQLException {
        if (msgIds.size() == 0) {
            return;
        }
        moveFinals.update(connection, msgIds.values(), msgIds.size(),
            (statement, i) -> bindMove(statement, i, nowMillis, claimedBy, nodeId));
        clearFinals.update(connection, msgIds.values(), msgIds.size(), thisNode);
        for (int i = 0; i < msgIds.size(); i++) {
            releasing.add(msgIds.get(i));
        }
    }

    /**
     * Makes up to {@code max} callbacks of {@code appKey} to {@code url} that wait for a later retry (rescheduled after
     * a failure, or deferred while the endpoint's breaker was open) due now, the earliest due first; their attempt
     * counts stay. Claimed rows (this or another node's) keep their lease. For an endpoint that answers again.
     *
     * @return the rows found waiting, at most {@code max}; fewer than {@code max} means no more were left
     */
    public int pullForward(Connection connection, String appKey, String url, int max, long nowMillis)
            throws SQLException {
        LongList ids = new LongList();
        try (PreparedStatement select = connection.prepareStatement(WAITING)) {
            select.setString(1, appKey);
            select.setString(2, url);
            select.setLong(3, nowMillis);
            select.setInt(4, max);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
        }
        if (ids.size() == 0) {
            return 0;
        }
        try (PreparedStatement pull = connection.prepareStatement(PULL)) {
            for (int i = 0; i < ids.size(); i++) {
                pull.setLong(1, nowMillis);
                pull.setLong(2, ids.get(i));
                pull.setLong(3, nowMillis);
                pull.addBatch();
            }
            pull.executeBatch();
        }
        return ids.size();
    }

    /**
     * Claims up to {@code max} due rows for {@code leaseMillis}: their tasks, oldest due first. At most every quarter
     * lease it first makes this node's held callbacks older than the lease due: the dispatcher never keeps a task that
     * long (the lease is twice its longest), so such a row is one whose outcome could not be written (the store was
     * down), and it is sent again as a claimed row whose lease ran out would be.
     */
    public List<CallbackTask> claim(Connection connection, int max, long leaseMillis, long nowMillis)
            throws SQLException {
        if (nowMillis >= nextStaleCheckMillis) {
            nextStaleCheckMillis = nowMillis + leaseMillis / 4;
            moveHeldOf(connection, nodeId, nowMillis - leaseMillis, nowMillis);
            moveFinals(connection, finals.heldBefore(nowMillis - leaseMillis), nowMillis, 0);
        }
        List<Claimed> claimed = new ArrayList<>();
        claim.forEach(connection, (statement, index) -> statement.setLong(index, nowMillis), max,
            row -> claimed.add(new Claimed(row.getLong(1), CallbackType.of(row.getInt(2)), row.getString(3),
                row.getString(4), row.getLong(5), row.getInt(6) + 1)));
        if (claimed.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement lease = connection.prepareStatement(LEASE)) {
            for (Claimed c : claimed) {
                lease.setLong(1, nowMillis + leaseMillis);
                lease.setInt(2, nodeId);
                lease.setLong(3, c.id());
                lease.addBatch();
            }
            lease.executeBatch();
        }
        return withPayloads(connection, claimed);
    }

    /** Moves {@code node}'s held callbacks created before {@code createdBefore} to the outbox, due now: how many. */
    private static int moveHeldOf(Connection connection, int node, long createdBefore, long nowMillis)
            throws SQLException {
        try (PreparedStatement move = connection.prepareStatement(MOVE_NODE);
             PreparedStatement delete = connection.prepareStatement(DELETE_NODE)) {
            move.setLong(1, nowMillis);
            move.setInt(2, node);
            move.setLong(3, createdBefore);
            int moved = move.executeUpdate();
            if (moved > 0) {
                delete.setInt(1, node);
                delete.setLong(2, createdBefore);
                delete.executeUpdate();
            }
            return moved;
        }
    }

    private List<CallbackTask> withPayloads(Connection connection, List<Claimed> claimed)
            throws SQLException {
        LongList reportIds = new LongList();
        LongList replyIds = new LongList();
        LongList reviewIds = new LongList();
        LongList emailIds = new LongList();
        LongList policyIds = new LongList();
        LongList clickIds = new LongList();
        for (Claimed c : claimed) {
            switch (c.type()) {
                case SMS_REPLY -> replyIds.add(c.refId());
                case SMS_TEMPLATE, SMS_SIGN -> reviewIds.add(c.refId());
                case EMAIL_REPORT -> emailIds.add(c.refId());
                case POLICY_REPORT -> policyIds.add(c.refId());
                case CLICK -> clickIds.add(c.refId());
                default -> reportIds.add(c.refId());
            }
        }
        Map<Long, CallbackPayload> reportsById = new HashMap<>();
        Map<Long, CallbackPayload> repliesById = new HashMap<>();
        Map<Long, CallbackPayload> reviewsById = new HashMap<>();
        Map<Long, CallbackPayload> emailsById = new HashMap<>();
        Map<Long, CallbackPayload> policiesById = new HashMap<>();
        Map<Long, CallbackPayload> clicksById = new HashMap<>();
        reports.forEach(connection, reportIds.values(), reportIds.size(), row -> {
            FinalReport report = Rows.report(row);
            reportsById.put(report.msgId(), report);
        });
        replies.forEach(connection, replyIds.values(), replyIds.size(), row -> {
            MoMessage mo = Rows.mo(row, 1);
            repliesById.put(mo.moId(), mo);
        });
        reviews.forEach(connection, reviewIds.values(), reviewIds.size(), row -> {
            ReviewOutcome review = new ReviewOutcome(row.getLong(1), CallbackType.of(row.getInt(2)), row.getLong(3),
                ReviewStatus.of(row.getInt(4)), row.getString(5), Instant.ofEpochMilli(row.getLong(6)));
            reviewsById.put(review.eventId(), review);
        });
        emails.forEach(connection, emailIds.values(), emailIds.size(), row -> {
            long finishedAt = row.getLong(4);
            EmailReport mail = new EmailReport(row.getLong(1), row.getString(2), EmailStatus.of(row.getInt(3)),
                Instant.ofEpochMilli(finishedAt), row.getString(5));
            emailsById.put(mail.emailId(), mail);
        });
        policyEvents.forEach(connection, policyIds.values(), policyIds.size(), row -> {
            PolicyReport report = new PolicyReport(row.getLong(1), row.getLong(2), row.getLong(3), row.getString(4),
                row.getInt(5), row.getInt(6) == 1, row.getString(7), row.getString(8), row.getLong(9),
                row.getString(10), Instant.ofEpochMilli(row.getLong(11)));
            policiesById.put(report.eventId(), report);
        });
        clicks.forEach(connection, clickIds.values(), clickIds.size(), row -> {
            ClickEvent click = new ClickEvent(row.getInt(2) == 2 ? Channel.EMAIL : Channel.SMS, row.getLong(1),
                row.getString(3), Instant.ofEpochMilli(row.getLong(4)));
            clicksById.merge(click.messageId(), click, (a, b) ->
                ((ClickEvent) a).clickedAt().isAfter(((ClickEvent) b).clickedAt()) ? b : a);
        });
        List<CallbackTask> tasks = new ArrayList<>(claimed.size());
        for (Claimed c : claimed) {
            Map<Long, CallbackPayload> byId = switch (c.type()) {
                case SMS_REPLY -> repliesById;
                case SMS_TEMPLATE, SMS_SIGN -> reviewsById;
                case EMAIL_REPORT -> emailsById;
                case POLICY_REPORT -> policiesById;
                case CLICK -> clicksById;
                default -> reportsById;
            };
            CallbackPayload payload = byId.get(c.refId());
            if (payload == null) {
                LOG.warn("callback outbox - row {} refers to a missing {} {}", c.id(), c.type(), c.refId());
                continue;
            }
            tasks.add(new CallbackTask(c.id(), c.appKey(), c.url(), c.attempts(), payload));
        }
        return tasks;
    }
}
