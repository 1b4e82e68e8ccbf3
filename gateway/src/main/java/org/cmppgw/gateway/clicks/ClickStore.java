package org.cmppgw.gateway.clicks;

import org.cmppgw.gateway.callback.outbox.CallbackFilter;
import org.cmppgw.gateway.model.CallbackType;
import org.cmppgw.gateway.model.Channel;
import org.cmppgw.gateway.model.MessageIdGenerator;
import org.cmppgw.gateway.persistence.AcceptHook;
import org.cmppgw.gateway.persistence.sql.Transactions;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code click_link} table (db/migration/V21__click_links.sql, docs/api.md "Click tracking"): the tracked links
 * of each message, written in the transaction that accepts the message ({@link #links}), and their clicks. Every
 * click is counted; the first click on any link of a message is the message's click, which gets the one
 * {@code CLICK} callback. Blocking JDBC: called from store threads, never from an event loop. Thread-safe.
 */
public final class ClickStore implements ClickHistory {
    private static final String INSERT = "INSERT INTO click_link (token, app_key, channel, message_id, url,"
        + " callback_url, created_at, first_click_at, clicks) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, 0)";
    private static final String FIND = "SELECT app_key, channel, message_id, url, callback_url FROM click_link"
        + " WHERE token = ?";
    private static final String COUNT = "UPDATE click_link SET clicks = clicks + 1,"
        + " first_click_at = COALESCE(first_click_at, ?) WHERE token = ?";
    private static final String FIRST = "SELECT MIN(first_click_at) FROM click_link WHERE message_id = ?"
        + " AND channel = ?";
    /**
     * Locks every link of one message, so two clicks (two nodes on MariaDB, or two store threads) never both see a
     * message's first click. Plain {@code FOR UPDATE} on both databases: it waits for the other click and then reads
     * what it committed (the dialect's message lock is empty on H2, where the message table needs none).
     */
    private static final String LOCK_MESSAGE = "SELECT first_click_at FROM click_link WHERE message_id = ?"
        + " AND channel = ? FOR UPDATE";
    private static final String OUTBOX = "INSERT INTO callback_outbox (id, kind, app_key, url, ref_id, created_at,"
        + " due_at, attempts) VALUES (?, ?, ?, ?, ?, ?, ?, 0)";

    private final Transactions tx;
    private final MessageIdGenerator outboxIds;
    private final CallbackFilter callbacks;

    /**
     * @param outboxIds ids of the callback outbox rows (the gateway's generator, so they never collide)
     * @param callbacks which apps take CLICK callbacks
     */
    public ClickStore(DataSource dataSource, MessageIdGenerator outboxIds, CallbackFilter callbacks) {
        this.tx = new Transactions(dataSource, "click store");

        this.outboxIds = Objects.requireNonNull(outboxIds, "outboxIds");
        this.callbacks = Objects.requireNonNull(callbacks, "callbacks");
    }

    /** A recorded click. */
    public record Click(String url, Channel channel, long messageId, boolean firstOfMessage) {
    }

    /** How a channel is stored. */
    static int code(Channel channel) {
        return switch (channel) {
            case SMS -> 1;
            case EMAIL -> 2;
        };
    }

    static Channel channel(int code) {
        return switch (code) {
            case 1 -> Channel.SMS;
            case 2 -> Channel.EMAIL;
            default -> throw new IllegalArgumentException("channel: " + code + " (expected: 1 or 2)");
        };
    }

    /**
     * The work that stores the links of an accept in its transaction: {@code links.get(i)} belongs to the i-th message,
     * stored only when that message is (verdict 0). Always keeps the accept.
     *
     * @param callbackUrls where each message's CLICK goes; empty = none
     */
    public AcceptHook links(String appKey, Channel channel, List<List<TrackedLink>> links, List<String> callbackUrls,
                            long createdAtMillis) {
        return (connection, ids, verdicts) -> {
            insert(connection, appKey, channel, links, callbackUrls, createdAtMillis, ids, verdicts);
            return 0;
        };
    }

    private static void insert(Connection connection, String appKey, Channel channel, List<List<TrackedLink>> links,
                               List<String> callbackUrls, long createdAt, long[] ids, int[] verdicts)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (int i = 0; i < ids.length; i++) {
                if (verdicts[i] != 0) {
                    continue;
                }
                for (TrackedLink link : links.get(i)) {
                    insert.setBytes(1, link.token().bytes());
                    insert.setString(2, appKey);
                    insert.setInt(3, code(channel));
                    insert.setLong(4, ids[i]);
                    insert.setString(5, link.url());
                    String callback = callbackUrls.get(i);
                    insert.setString(6, callback == null ? "" : callback);
                    insert.setLong(7, createdAt);
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
    }

    /**
     * Records a click on {@code token}: counted every time; the first click on any link of its message also queues
     * the message's CLICK callback, in the same transaction.
     *
     * @return where to redirect, or empty for a token the store does not know (never issued, or purged)
     */
    public Optional<Click> click(ClickToken token, long nowMillis) {
        return tx.run("click", c -> {
            String appKey;
            Channel channel;
            long messageId;
            String url;
            String callbackUrl;
            try (PreparedStatement find = c.prepareStatement(FIND)) {
                find.setBytes(1, token.bytes());
                try (ResultSet row = find.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    appKey = row.getString(1);
                    channel = channel(row.getInt(2));
                    messageId = row.getLong(3);
                    url = row.getString(4);
                    callbackUrl = row.getString(5);
                }
            }
            boolean clickedBefore = false;
            try (PreparedStatement lock = c.prepareStatement(LOCK_MESSAGE)) {
                lock.setLong(1, messageId);
                lock.setInt(2, code(channel));
                try (ResultSet rows = lock.executeQuery()) {
                    while (rows.next()) {
                        rows.getLong(1);
                        clickedBefore |= !rows.wasNull();
                    }
                }
            }
            try (PreparedStatement count = c.prepareStatement(COUNT)) {
                count.setLong(1, nowMillis);
                count.setBytes(2, token.bytes());
                count.executeUpdate();
            }
            if (!clickedBefore && !callbackUrl.isEmpty() && callbacks.calls(appKey, CallbackType.CLICK)) {
                try (PreparedStatement outbox = c.prepareStatement(OUTBOX)) {
                    outbox.setLong(1, outboxIds.next());
                    outbox.setInt(2, CallbackType.CLICK.code());
                    outbox.setString(3, appKey);
                    outbox.setString(4, callbackUrl);
                    outbox.setLong(5, messageId);
                    outbox.setLong(6, nowMillis);
                    outbox.setLong(7, nowMillis);
                    outbox.executeUpdate();
                }
            }
            return Optional.of(new Click(url, channel, messageId, !clickedBefore));
        });
    }

    @Override
    public Optional<Instant> firstClick(Channel channel, long messageId) {
        return tx.run("first click", c -> {
            try (PreparedStatement first = c.prepareStatement(FIRST)) {
                first.setLong(1, messageId);
                first.setInt(2, code(channel));
                try (ResultSet row = first.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    long at = row.getLong(1);
                    return row.wasNull() ? Optional.<Instant>empty() : Optional.of(Instant.ofEpochMilli(at));
                }
            }
        });
    }
}
