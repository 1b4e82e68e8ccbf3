package org.cmppgw.gateway.email;

import org.cmppgw.gateway.callback.outbox.CallbackFilter;
import org.cmppgw.gateway.callback.outbox.NewCallbacks;
import org.cmppgw.gateway.callback.outbox.OutboxRows;
import org.cmppgw.gateway.model.EmailReport;
import org.cmppgw.gateway.model.EmailStatus;
import org.cmppgw.gateway.model.MessageIdGenerator;
import org.cmppgw.gateway.model.WithdrawOutcome;
import org.cmppgw.gateway.persistence.AcceptHook;
import org.cmppgw.gateway.persistence.sql.ClaimQuery;
import org.cmppgw.gateway.persistence.sql.Dialect;
import org.cmppgw.gateway.persistence.sql.Transactions;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The {@code email_message} table (docs/api.md "Emails"): accepted mails, one row per recipient, queued by due time;
 * claimed under a lease ({@code SKIP LOCKED} on MariaDB, so many nodes never take the same row); finished as
 * delivered or failed together with their EMAIL_REPORT callback outbox row, or moved later. While this node's callback
 * dispatcher takes new callbacks ({@link NewCallbacks}), those rows are written held by it and handed over after
 * the commit, as the SMS reports' are: a mail's callback costs no claim, lease or payload read. Blocking JDBC: call it
 * from the email threads, never from an event loop. Thread-safe.
 */
public final class EmailStore {
    private static final String COLUMNS = "id, app_key, recipient, cc_list, bcc_list, sender_name, subject, body_text,"
        + " body_html, callback_url, attempts";
    private static final String INSERT = "INSERT INTO email_message (id, app_key, recipient, cc_list, bcc_list,"
        + " sender_name, subject, body_text, body_html, callback_url, status, attempts, resends, due_at, provider,"
        + " smtp_reply, accepted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?, '', '', ?)";
    private static final String LEASE = "UPDATE email_message SET due_at = ?, attempts = attempts + 1, claimed_by = ?"
        + " WHERE id = ?";
    private static final String FINISH = "UPDATE email_message SET status = ?, provider = ?, smtp_reply = ?,"
        + " resends = resends + ?, finished_at = ?, claimed_by = NULL WHERE id = ?";
    private static final String RETRY = "UPDATE email_message SET due_at = ?, provider = ?, smtp_reply = ?,"
        + " resends = resends + ?, claimed_by = NULL WHERE id = ?";
    private static final String DEFER = "UPDATE email_message SET due_at = ?, attempts = attempts - 1,"
        + " claimed_by = NULL WHERE id = ? AND attempts > 0";
    /** Once at start; finds the queued rows through the claim index (V26: no index on claimed_by). */
    private static final String RECLAIM = "UPDATE email_message SET due_at = ?, claimed_by = NULL"
        + " WHERE status = 0 AND claimed_by = ?";

    /** The smtp_reply of a withdrawn mail (docs/api.md "Withdraw"). */
    public static final String WITHDRAWN = "GW:WITHDRAWN";
    /** How long after its acceptance a mail can be withdrawn. */
    static final long WITHDRAW_MAX_AGE_MILLIS = 24L * 60 * 60 * 1000;
    private static final String WITHDRAW = "UPDATE email_message SET status = ?, smtp_reply = ?, finished_at = ?"
        + " WHERE id = ? AND status = 0 AND claimed_by IS NULL";

    private final Transactions tx;
    private final ClaimQuery claim;
    private final String selectForWithdraw;
    private final int nodeId;
    private final MessageIdGenerator outboxIds;
    private final CallbackFilter callbacks;
    private final Supplier<NewCallbacks.Handoff> handoff;

    /**
     * A store whose EMAIL_REPORT rows are due at once for any claimer.
     *
     * @param outboxIds ids of the callback outbox rows (the gateway's generator, so they never collide)
     * @param callbacks which apps take EMAIL_REPORT callbacks
     */
    public EmailStore(DataSource dataSource, int nodeId, MessageIdGenerator outboxIds, CallbackFilter callbacks) {
        this(dataSource, nodeId, outboxIds, callbacks, () -> null);
    }

    /**
     * @param outboxIds ids of the callback outbox rows (the gateway's generator, so they never collide)
     * @param callbacks which apps take EMAIL_REPORT callbacks
     * @param handoff   where new EMAIL_REPORT callbacks go now (the message store's, see
     *                  {@link org.cmppgw.gateway.persistence.CallbackOutbox#handNewCallbacksTo}); when it gives null,
     *                  the rows are due at once for any claimer
     */
    public EmailStore(DataSource dataSource, int nodeId, MessageIdGenerator outboxIds, CallbackFilter callbacks,
                      Supplier<NewCallbacks.Handoff> handoff) {
        this.tx = new Transactions(dataSource, "email store");
        Dialect dialect = Dialect.of(dataSource);
        this.selectForWithdraw = "SELECT app_key, status, claimed_by, accepted_at, smtp_reply, callback_url,"
            + " recipient FROM email_message WHERE id = ?" + dialect.messageLock();
        this.claim = new ClaimQuery(dialect, COLUMNS, "email_message", "id",
            "status = 0 AND due_at <= ?", 1, "status, due_at, id");
        this.nodeId = nodeId;
        this.outboxIds = outboxIds;
        this.callbacks = callbacks;
        this.handoff = Objects.requireNonNull(handoff, "handoff");
    }

    /** The bodies of each recipient's copy, when they differ (tracked links are per copy). */
    public interface Bodies {
        String text(int recipient);

        String html(int recipient);
    }

    /** Stores one row per recipient of {@code email}, {@code ids[i]} for {@code to[i]}, due at once. */
    public void accept(NewEmail email, long[] ids) {
        accept(email, ids, null, null);
    }

    /**
     * As {@link #accept(NewEmail, long[])}, with {@code hook} run in the same transaction after the rows are inserted
     * (a send policy's step marks itself sent there, docs/api.md "Send policies"). When the hook answers a code,
     * nothing is stored.
     *
     * @return 0 when stored, else the hook's code
     */
    public int accept(NewEmail email, long[] ids, AcceptHook hook) {
        return accept(email, ids, null, hook);
    }

    /**
     * As {@link #accept(NewEmail, long[], AcceptHook)}, with each copy's own bodies (the copies' tracked links,
     * docs/api.md "Click tracking").
     *
     * @param bodies each copy's bodies; null: the mail's
     * @param hook   run after the inserts with the ids (every verdict 0); null for none
     * @return 0 when stored, else the hook's code
     */
    public int accept(NewEmail email, long[] ids, Bodies bodies, AcceptHook hook) {
        if (ids.length != email.to().size()) {
            throw new IllegalArgumentException("ids: " + ids.length + " (expected: one per recipient, "
                + email.to().size() + ")");
        }
        long now = email.acceptedAt().toEpochMilli();
        try {
            return tx.run("accept", c -> {
                insert(c, email, ids, bodies, now);
                int refused = hook == null ? 0 : hook.apply(c, ids, new int[ids.length]);
                if (refused != 0) {
                    throw new HookRefused(refused);
                }
                return 0;
            });
        } catch (HookRefused e) {
            return e.code;
        }
    }

    /** The transaction is rolled back with this when the accept's hook refuses it. */
    private static final class HookRefused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int code;

        HookRefused(int code) {
            super("hook refused with " + code, null, false, false);
            this.code = code;
        }
    }

    private static void insert(Connection c, NewEmail email, long[] ids, Bodies bodies, long now)
            throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            for (int i = 0; i < ids.length; i++) {
                insert.setLong(1, ids[i]);
                insert.setString(2, email.appKey());
                insert.setString(3, email.to().get(i));
                // the copies go once, with the first recipient's mail
                insert.setString(4, i == 0 ? String.join(",", email.cc()) : "");
                insert.setString(5, i == 0 ? String.join(",", email.bcc()) : "");
                insert.setString(6, email.senderName());
                insert.setString(7, email.subject());
                setText(insert, 8, bodies == null ? email.text() : bodies.text(i));
                setText(insert, 9, bodies == null ? email.html() : bodies.html(i));
                insert.setString(10, email.callbackUrl());
                insert.setLong(11, now);
                insert.setLong(12, now);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Claims up to {@code max} due mails for {@code leaseMillis}, oldest due first; each claim counts an attempt. */
    public List<QueuedEmail> claim(int max, long leaseMillis, long nowMillis) {
        return tx.run("claim", c -> claim(c, max, leaseMillis, nowMillis));
    }

    /**
     * {@link #finish} then {@link #claim} in one transaction: the dispatcher's step, one commit instead of two (each
     * commit writes the changed index pages on H2 and syncs the log on MariaDB, README "Performance").
     */
    public List<QueuedEmail> finishAndClaim(List<SendResult> results, int max, long leaseMillis, long nowMillis) {
        return handingOver("finish and claim", (c, created) -> {
            finish(c, results, nowMillis, created);
            return claim(c, max, leaseMillis, nowMillis);
        });
    }

    /** Work that may write callback outbox rows, through {@code created}. */
    @FunctionalInterface
    private interface CallbackWork<T> {
        T run(Connection connection, NewCallbacks created) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction, then hands the callbacks it created to this node's dispatcher: only once
     * committed, and only those of the attempt that committed (a deadlock retry starts the list again).
     */
    private <T> T handingOver(String what, CallbackWork<T> work) {
        NewCallbacks created = new NewCallbacks(outboxIds, callbacks, null);
        T result = tx.run(what, c -> {
            created.begin(handoff.get());
            return work.run(c, created);
        });
        created.committed();
        return result;
    }

    private List<QueuedEmail> claim(Connection c, int max, long leaseMillis, long nowMillis) throws SQLException {
        List<QueuedEmail> claimed = new ArrayList<>();
        claim.forEach(c, (statement, index) -> statement.setLong(index, nowMillis), max,
            row -> claimed.add(new QueuedEmail(row.getLong(1), row.getString(2), row.getString(3),
                split(row.getString(4)), split(row.getString(5)), row.getString(6), row.getString(7),
                row.getString(8), row.getString(9), row.getString(10), row.getInt(11) + 1)));
        if (claimed.isEmpty()) {
            return claimed;
        }
        try (PreparedStatement lease = c.prepareStatement(LEASE)) {
            for (QueuedEmail email : claimed) {
                lease.setLong(1, nowMillis + leaseMillis);
                lease.setInt(2, nodeId);
                lease.setLong(3, email.id());
                lease.addBatch();
            }
            lease.executeBatch();
        }
        return claimed;
    }

    /** Records {@code results}; each final one gets its EMAIL_REPORT outbox row in the same transaction. */
    public void finish(List<SendResult> results, long nowMillis) {
        if (results.isEmpty()) {
            return;
        }
        handingOver("finish", (c, created) -> {
            finish(c, results, nowMillis, created);
            return null;
        });
    }

    private static void finish(Connection c, List<SendResult> results, long nowMillis, NewCallbacks created)
            throws SQLException {
        if (results.isEmpty()) {
            return;
        }
        try (PreparedStatement finish = c.prepareStatement(FINISH);
             PreparedStatement retry = c.prepareStatement(RETRY);
             PreparedStatement defer = c.prepareStatement(DEFER);
             OutboxRows outbox = new OutboxRows(c, nowMillis, created)) {
            for (SendResult result : results) {
                add(result, nowMillis, finish, retry, defer, outbox);
            }
            finish.executeBatch();
            retry.executeBatch();
            defer.executeBatch();
            outbox.execute();
        }
    }

    private static void add(SendResult result, long nowMillis, PreparedStatement finish, PreparedStatement retry,
                            PreparedStatement defer, OutboxRows outbox) throws SQLException {
        QueuedEmail email = result.email();
        switch (result.kind()) {
            case DELIVERED, FAILED -> {
                EmailStatus status = result.kind() == SendResult.Kind.DELIVERED ? EmailStatus.DELIVERED
                    : EmailStatus.FAILED;
                finish.setInt(1, status.code());
                finish.setString(2, result.provider());
                finish.setString(3, result.reply());
                finish.setInt(4, result.resends());
                finish.setLong(5, nowMillis);
                finish.setLong(6, email.id());
                finish.addBatch();
                if (!email.callbackUrl().isEmpty()) {
                    // the payload as OutboxPhase would read it back from the row just written
                    outbox.add(email.appKey(), email.callbackUrl(), email.id(), new EmailReport(email.id(),
                        email.recipient(), status, Instant.ofEpochMilli(nowMillis), result.reply()));
                }
            }
            case RETRY -> {
                retry.setLong(1, result.dueAtMillis());
                retry.setString(2, result.provider());
                retry.setString(3, result.reply());
                retry.setInt(4, result.resends());
                retry.setLong(5, email.id());
                retry.addBatch();
            }
            case DEFER -> {
                defer.setLong(1, result.dueAtMillis());
                defer.setLong(2, email.id());
                defer.addBatch();
            }
            default -> throw new IllegalStateException("email store - unknown result " + result.kind());
        }
    }

    /**
     * Makes the mails this node claimed before its last stop due now: at start, before this process claims anything
     * (a node id runs in one process at a time, so nobody is sending them).
     *
     * @return how many
     */
    public int reclaimOwn(long nowMillis) {
        return tx.run("reclaim", c -> {
            try (PreparedStatement reclaim = c.prepareStatement(RECLAIM)) {
                reclaim.setLong(1, nowMillis);
                reclaim.setInt(2, nodeId);
                return reclaim.executeUpdate();
            }
        });
    }

    /**
     * Withdraws mail {@code id} of app {@code appKey} if it waits in the queue unclaimed (docs/api.md "Withdraw"): in
     * one transaction it becomes FAILED {@value #WITHDRAWN} on that condition, with its EMAIL_REPORT outbox row. The
     * row is locked first on MariaDB, so of two withdraws one answers withdrawn, the other already withdrawn; a mail
     * a node has claimed (in a provider's queue or being sent) is answered {@link WithdrawOutcome#SENDING}.
     */
    public WithdrawOutcome withdraw(long id, String appKey, long nowMillis) {
        return handingOver("withdraw", (c, created) -> {
            String callbackUrl;
            String recipient;
            try (PreparedStatement select = c.prepareStatement(selectForWithdraw)) {
                select.setLong(1, id);
                try (var row = select.executeQuery()) {
                    if (!row.next() || !row.getString(1).equals(appKey)) {
                        return WithdrawOutcome.UNKNOWN;
                    }
                    if (row.getLong(4) < nowMillis - WITHDRAW_MAX_AGE_MILLIS) {
                        return WithdrawOutcome.TOO_OLD;
                    }
                    if (row.getInt(2) != EmailStatus.QUEUED.code()) {
                        return WITHDRAWN.equals(row.getString(5)) ? WithdrawOutcome.ALREADY_WITHDRAWN
                            : WithdrawOutcome.ALREADY_SENT;
                    }
                    row.getInt(3);
                    if (!row.wasNull()) {
                        return WithdrawOutcome.SENDING;
                    }
                    callbackUrl = row.getString(6);
                    recipient = row.getString(7);
                }
            }
            try (PreparedStatement update = c.prepareStatement(WITHDRAW)) {
                update.setInt(1, EmailStatus.FAILED.code());
                update.setString(2, WITHDRAWN);
                update.setLong(3, nowMillis);
                update.setLong(4, id);
                if (update.executeUpdate() != 1) {
                    // claimed meanwhile (H2 locks no row here)
                    return WithdrawOutcome.SENDING;
                }
            }
            if (!callbackUrl.isEmpty()) {
                try (OutboxRows outbox = new OutboxRows(c, nowMillis, created)) {
                    outbox.add(appKey, callbackUrl, id, new EmailReport(id, recipient, EmailStatus.FAILED,
                        Instant.ofEpochMilli(nowMillis), WITHDRAWN));
                    outbox.execute();
                }
            }
            return WithdrawOutcome.WITHDRAWN;
        });
    }

    /** The stored status of a mail (tests and tools), or null when there is no such row. */
    public EmailStatus status(long id) {
        return tx.run("status", c -> statusOf(c, id));
    }

    private static EmailStatus statusOf(Connection c, long id) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT status FROM email_message WHERE id = ?")) {
            select.setLong(1, id);
            try (var rows = select.executeQuery()) {
                return rows.next() ? EmailStatus.of(rows.getInt(1)) : null;
            }
        }
    }

    private static void setText(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    private static List<String> split(String list) {
        return list == null || list.isEmpty() ? List.of() : Arrays.asList(list.split(","));
    }
}
