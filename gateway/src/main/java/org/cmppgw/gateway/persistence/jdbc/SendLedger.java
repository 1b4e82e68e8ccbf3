package org.cmppgw.gateway.persistence.jdbc;

import org.cmppgw.gateway.model.OutboundMessage;
import org.cmppgw.gateway.persistence.RecipientRules;
import org.cmppgw.gateway.persistence.SendHistory;
import org.cmppgw.gateway.persistence.sql.Dialect;
import org.cmppgw.gateway.persistence.sql.InQuery;
import org.cmppgw.gateway.persistence.sql.LongList;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The per-mobile admission rules inside the accept transaction (docs/api.md, "Admission rules"): for one group
 * commit, one query reads the recent ledger of every mobile in it and one the unsubscribed ones, {@link RecipientRules}
 * decide each message in request order (earlier ones in the same group count), and one JDBC batch records the admitted.
 * So a group of any size costs three statements more, not a round trip per message. On MariaDB, where several nodes
 * accept at once, the group first locks the {@code send_lock_stripe} row of each of its apps and mobiles (V27; a
 * locking read per 512 stripes, in stripe order, so two nodes never deadlock on each other): a node that counts an
 * app and mobile then waits for the other node's accept of the same pair to commit. Two groups that share a stripe
 * but no mobile also wait for each other; that is the price of writing nothing per message. H2 serves one process,
 * whose single accept writer is the only one deciding.
 */
final class SendLedger {
    /** The rows of {@code send_lock_stripe} (V27). */
    static final int STRIPES = 4096;
    private static final String RECORD = "INSERT INTO send_ledger (msg_id, app_key, mobile_key, kind, content_hash,"
        + " sent_at) VALUES (?, ?, ?, ?, ?, ?)";

    private final RecipientRules rules;
    private final boolean lock;
    private final InQuery lockStripes;
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
        this.history = new InQuery(dialect, "SELECT app_key, mobile_key, kind, content_hash, sent_at FROM send_ledger"
            + " WHERE mobile_key IN (", ") AND sent_at > ?");
        this.unsubscribed = new InQuery(dialect, "SELECT app_key, mobile_key FROM unsubscribed WHERE mobile_key IN (",
            ")");
    }

    /** Whether these rules keep a ledger at all. */
    boolean active() {
        return rules.horizonMillis() > 0;
    }

    /**
     * Decides every candidate, in order, and records the admitted ones.
     *
     * @return per candidate, 0 when admitted or the JSMS code that refuses it
     */
    int[] decide(Connection connection, List<Candidate> candidates) throws SQLException {
        int[] verdicts = new int[candidates.size()];
        if (candidates.isEmpty()) {
            return verdicts;
        }
        LongList stripes = new LongList();
        LongList mobiles = new LongList();
        LongList marketingMobiles = new LongList();
        long earliest = Long.MAX_VALUE;
        for (Candidate c : candidates) {
            long mobileKey = mobileKey(c.message().mobile());
            if (lock) {
                stripes.add(new Key(c.message().appKey(), mobileKey).stripe());
            }
            mobiles.add(mobileKey);
            if (c.kind() == RecipientRules.MARKETING) {
                marketingMobiles.add(mobileKey);
            }
            earliest = Math.min(earliest, c.message().acceptedAt().toEpochMilli());
        }
        if (lock) {
            lock(connection, stripes.distinctSorted());
        }
        Map<Key, SendHistory> histories = read(connection, mobiles.distinctSorted(), earliest - rules.horizonMillis());
        Set<Key> unsubscribedKeys = unsubscribed(connection, marketingMobiles.distinctSorted());
        try (PreparedStatement record = connection.prepareStatement(RECORD)) {
            for (int i = 0; i < verdicts.length; i++) {
                Candidate c = candidates.get(i);
                OutboundMessage m = c.message();
                Key key = new Key(m.appKey(), mobileKey(m.mobile()));
                SendHistory sent = histories.computeIfAbsent(key, k -> new SendHistory());
                long at = m.acceptedAt().toEpochMilli();
                verdicts[i] = rules.verdict(sent, c.kind(), c.hash(), at, unsubscribedKeys.contains(key));
                if (verdicts[i] != 0) {
                    continue;
                }
                sent.add(c.kind(), c.hash(), at);
                record.setLong(1, m.msgId());
                record.setString(2, m.appKey());
                record.setLong(3, key.mobileKey());
                record.setInt(4, c.kind());
                record.setLong(5, c.hash());
                record.setLong(6, at);
                record.addBatch();
            }
            record.executeBatch();
        }
        return verdicts;
    }

    private void lock(Connection connection, LongList stripes) throws SQLException {
        int[] locked = new int[1];
        lockStripes.forEach(connection, stripes.values(), stripes.size(), row -> locked[0]++);
        if (locked[0] != stripes.size()) {
            // a missing row would silently lift the cross-node exclusion for its apps and mobiles
            throw new SQLException("send_lock_stripe holds " + locked[0] + " of the " + stripes.size()
                + " stripes asked for (expected: the " + STRIPES + " rows of migration V27)");
        }
    }

    /** The locking read of a chunk of {@code n} stripes (a test looks at its plan). */
    String lockSql(int n) {
        return lockStripes.sql(n);
    }

    private Map<Key, SendHistory> read(Connection connection, LongList mobiles, long afterMillis) throws SQLException {
        Map<Key, SendHistory> out = new HashMap<>();
        history.forEach(connection, mobiles.values(), mobiles.size(),
            (statement, index) -> statement.setLong(index, afterMillis),
            row -> out.computeIfAbsent(new Key(row.getString(1), row.getLong(2)), k -> new SendHistory())
                .add(row.getInt(3), row.getLong(4), row.getLong(5)));
        return out;
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
