package org.cmppgw.gateway.persistence.jdbc;

import org.cmppgw.gateway.model.ContentHash;
import org.cmppgw.gateway.model.MessageIdGenerator;
import org.cmppgw.gateway.model.OutboundMessage;
import org.cmppgw.gateway.persistence.RecipientRules;
import org.cmppgw.gateway.persistence.SendHistory;
import org.cmppgw.gateway.persistence.sql.Dialect;
import org.cmppgw.gateway.persistence.sql.InQuery;
import org.cmppgw.gateway.persistence.sql.LongList;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The per-mobile admission rules inside the accept transaction (docs/api.md, "Admission rules"): for one group commit,
 * one query reads the recent messages of every mobile in it and one the unsubscribed ones, {@link RecipientRules}
 * decide each message in request order (earlier ones in the same group count). The ledger is the message table: an
 * admitted message's row carries its {@code rule_kind} (V30), written by {@link AcceptPhase} with the row, and the read
 * goes through {@code message_mobile} (mobile, msg_id), bounded below by the msg_id of the window's start (msg_ids sort
 * by acceptance time). So a group of any size costs two statements more, and nothing is written for the rules. On
 * MariaDB, where several nodes accept at once, the group first locks the {@code send_lock_stripe} row of each of its
 * apps and mobiles (V27; a locking read per 512 stripes, in stripe order, so two nodes never deadlock on each other): a
 * node that counts an app and mobile then waits for the other node's accept of the same pair to commit. Two groups that
 * share a stripe but no mobile also wait for each other; that is the price of writing nothing per message.
 *
 * <p>A group of more than {@value #MOST_STRIPES} stripes locks the whole ledger instead, one row ({@value #WHOLE}, V31)
 * in exclusive mode, and a smaller group takes that row in share mode before its stripes (the whole before its parts,
 * so still no deadlock). Two groups of 64 stripes share one with probability 1 - 1/e, so a large group would wait for
 * nearly any other group anyway; a lock per stripe cost it about 4 µs of database wall time per message at 5,000/s.
 * H2 serves one process, whose single accept writer is the only one deciding.
 */
final class SendLedger {
    /** The stripe rows of {@code send_lock_stripe} (V27), 0 .. STRIPES - 1. */
    static final int STRIPES = 4096;
    /** The row of {@code send_lock_stripe} that stands for every stripe (V31). */
    static final int WHOLE = -1;
    /** Above this many distinct stripes a group locks {@link #WHOLE} exclusively instead of each stripe. */
    static final int MOST_STRIPES = 64;
    /**
     * How much earlier than the window's start the msg_id bound lies: a msg_id's millisecond is its generator's, which
     * may differ a little from the message's {@code accepted_at}; the exact cut is made on {@code accepted_at}.
     */
    private static final long ID_MARGIN_MILLIS = 60_000;

    private final RecipientRules rules;
    private final boolean lock;
    private final InQuery lockStripes;
    private final String wholeExclusive;
    private final String wholeShared;
    private final InQuery history;
    private final InQuery unsubscribed;

    /** One message to decide. */
    record Candidate(OutboundMessage message, int kind, long hash) {
    }

    private record Key(String appKey, long mobileKey) {
        /** The same on every node and version: Long and String hash codes are specified. */
        int stripe() {
            return Math.floorMod(Long.hashCode(mobileKey * 0x9E3779B97F4A7C15L) * 31 + appKey.hashCode(), STRIPES);
        }
    }

    SendLedger(Dialect dialect, RecipientRules rules) {
        this.rules = rules;
        this.lock = dialect == Dialect.MARIADB;
        // By primary key only: a plan that scanned the table would wait on stripes it does not want, and a second
        // chunk's scan would lock below the first chunk's stripes, out of order (MariaDbAdmissionLedgerIT checks
        // the plan).
        this.lockStripes = new InQuery(dialect, "SELECT stripe FROM send_lock_stripe FORCE INDEX (PRIMARY)"
            + " WHERE stripe IN (", ") ORDER BY stripe" + dialect.messageLock());
        String whole = "SELECT stripe FROM send_lock_stripe WHERE stripe = " + WHOLE;
        this.wholeExclusive = whole + " FOR UPDATE";
        this.wholeShared = whole + " LOCK IN SHARE MODE";
        // message_mobile's statistics are reliable (a large table whose rows spread over many mobiles), so the plan
        // is made from them rather than from one B-tree descent per listed mobile before the reading ones
        this.history = new InQuery(dialect, dialect.planFromStatistics() + "SELECT app_key, mobile, rule_kind, content,"
            + " accepted_at FROM message" + dialect.indexHint("message_mobile") + " WHERE mobile IN (",
            ") AND msg_id >= ? AND accepted_at > ? AND rule_kind IS NOT NULL");
        this.unsubscribed = new InQuery(dialect, "SELECT app_key, mobile_key FROM unsubscribed WHERE mobile_key IN (",
            ")");
    }

    /** Whether these rules look back at all: if not, nothing is decided and no message gets a {@code rule_kind}. */
    boolean active() {
        return rules.horizonMillis() > 0;
    }

    /**
     * Decides every candidate, in order. The caller stores each admitted one with its kind ({@code rule_kind}), which
     * is what the next groups count.
     *
     * @return per candidate, 0 when admitted or the JSMS code that refuses it
     */
    int[] decide(Connection connection, List<Candidate> candidates) throws SQLException {
        int[] verdicts = new int[candidates.size()];
        if (candidates.isEmpty()) {
            return verdicts;
        }
        LongList stripes = new LongList();
        Set<String> mobiles = new TreeSet<>();
        LongList marketingMobiles = new LongList();
        long earliest = Long.MAX_VALUE;
        for (Candidate c : candidates) {
            long mobileKey = mobileKey(c.message().mobile());
            if (lock) {
                stripes.add(new Key(c.message().appKey(), mobileKey).stripe());
            }
            mobiles.add(c.message().mobile());
            if (c.kind() == RecipientRules.MARKETING) {
                marketingMobiles.add(mobileKey);
            }
            earliest = Math.min(earliest, c.message().acceptedAt().toEpochMilli());
        }
        if (lock) {
            lock(connection, stripes.distinctSorted());
        }
        Map<Key, SendHistory> histories = read(connection, mobiles.toArray(String[]::new),
            earliest - rules.horizonMillis());
        Set<Key> unsubscribedKeys = unsubscribed(connection, marketingMobiles.distinctSorted());
        for (int i = 0; i < verdicts.length; i++) {
            Candidate c = candidates.get(i);
            OutboundMessage m = c.message();
            Key key = new Key(m.appKey(), mobileKey(m.mobile()));
            SendHistory sent = histories.computeIfAbsent(key, k -> new SendHistory());
            long at = m.acceptedAt().toEpochMilli();
            verdicts[i] = rules.verdict(sent, c.kind(), c.hash(), at, unsubscribedKeys.contains(key));
            if (verdicts[i] == 0) {
                sent.add(c.kind(), c.hash(), at);
            }
        }
        return verdicts;
    }

    private void lock(Connection connection, LongList stripes) throws SQLException {
        if (stripes.size() > MOST_STRIPES) {
            lockWhole(connection, wholeExclusive);
            return;
        }
        lockWhole(connection, wholeShared);
        int[] locked = new int[1];
        lockStripes.forEach(connection, stripes.values(), stripes.size(), row -> locked[0]++);
        if (locked[0] != stripes.size()) {
            // a missing row would silently lift the cross-node exclusion for its apps and mobiles
            throw new SQLException("send_lock_stripe holds " + locked[0] + " of the " + stripes.size()
                + " stripes asked for (expected: the " + STRIPES + " rows of migration V27)");
        }
    }

    private static void lockWhole(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet row = statement.executeQuery()) {
            if (!row.next()) {
                // without it two nodes' large groups would no longer exclude each other
                throw new SQLException("send_lock_stripe has no row " + WHOLE + " (expected: migration V31)");
            }
        }
    }

    /** The locking read of a chunk of {@code n} stripes (a test looks at its plan). */
    String lockSql(int n) {
        return lockStripes.sql(n);
    }

    /** The messages admitted to these mobiles after {@code afterMillis}, by app and mobile. */
    private Map<Key, SendHistory> read(Connection connection, String[] mobiles, long afterMillis) throws SQLException {
        long firstId = MessageIdGenerator.firstIdOf(
            Math.max(MessageIdGenerator.EPOCH_MILLIS, afterMillis - ID_MARGIN_MILLIS));
        Map<Key, SendHistory> out = new HashMap<>();
        history.forEach(connection, mobiles, mobiles.length,
            (statement, index) -> {
                statement.setLong(index, firstId);
                statement.setLong(index + 1, afterMillis);
            },
            row -> out.computeIfAbsent(new Key(row.getString(1), mobileKey(row.getString(2))), k -> new SendHistory())
                .add(row.getInt(3), ContentHash.of(row.getString(4)), row.getLong(5)));
        return out;
    }

    /** The read of a chunk of {@code n} mobiles' recent messages (a test looks at its plan). */
    String historySql(int n) {
        return history.sql(n);
    }

    private Set<Key> unsubscribed(Connection connection, LongList mobiles) throws SQLException {
        if (mobiles.size() == 0) {
            return Set.of();
        }
        Set<Key> out = new HashSet<>();
        unsubscribed.forEach(connection, mobiles.values(), mobiles.size(), InQuery.Binder.NONE,
            row -> out.add(new Key(row.getString(1), row.getLong(2))));
        return out;
    }

    /**
     * A mobile as the ledger's key: its digits as a number (up to 18 digits, so every mainland and international
     * number); anything else hashed to a negative number, which no digit string gives.
     */
    static long mobileKey(String mobile) {
        int length = mobile.length();
        if (length > 0 && length <= 18) {
            long value = 0;
            int i = 0;
            for (; i < length; i++) {
                char c = mobile.charAt(i);
                if (c < '0' || c > '9') {
                    break;
                }
                value = value * 10 + (c - '0');
            }
            if (i == length) {
                return value;
            }
        }
        return mobile.hashCode() | Long.MIN_VALUE;
    }
}
