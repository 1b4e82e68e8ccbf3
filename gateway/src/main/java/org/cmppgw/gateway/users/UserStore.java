package org.cmppgw.gateway.users;

import org.cmppgw.gateway.persistence.sql.InQuery;
import org.cmppgw.gateway.persistence.sql.Transactions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code ums_user} table (V18 migration). Blocking JDBC, called only from {@link UserService}'s thread. An import
 * writes all its users in one transaction, in batches of {@value #BATCH} rows: it is stored whole or not at all.
 */
public final class UserStore {
    /** Rows per JDBC batch of an import. */
    static final int BATCH = 500;
    /** Ids per lookup query of a send to users. */
    static final int LOOKUP_CHUNK = 500;
    private static final String UPSERT = "INSERT INTO ums_user (app_key, user_id, mobile, email, tags, created_at,"
        + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE mobile = VALUES(mobile),"
        + " email = VALUES(email), tags = VALUES(tags), updated_at = VALUES(updated_at)";

    private final Transactions tx;

    public UserStore(DataSource dataSource) {
        this.tx = new Transactions(dataSource, "users");
    }

    /** Creates the users or replaces those the app already has, all in one transaction. */
    public void upsert(String appKey, List<StoredUser> users, Instant now) {
        long millis = now.toEpochMilli();
        tx.run("importing " + users.size() + " users", c -> {
            try (PreparedStatement insert = c.prepareStatement(UPSERT)) {
                for (int i = 0; i < users.size(); i++) {
                    StoredUser u = users.get(i);
                    insert.setString(1, appKey);
                    insert.setString(2, u.userId());
                    insert.setString(3, u.mobile());
                    insert.setString(4, u.email());
                    insert.setString(5, u.joinedTags());
                    insert.setLong(6, millis);
                    insert.setLong(7, millis);
                    insert.addBatch();
                    if ((i + 1) % BATCH == 0 || i == users.size() - 1) {
                        insert.executeBatch();
                    }
                }
            }
            return null;
        });
    }

    /** Replaces an existing user; false when the app has no user with this id. */
    public boolean update(String appKey, StoredUser user, Instant now) {
        return tx.run("updating user " + user.userId(), c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE ums_user SET mobile = ?, email = ?, tags = ?,"
                + " updated_at = ? WHERE app_key = ? AND user_id = ?")) {
                update.setString(1, user.mobile());
                update.setString(2, user.email());
                update.setString(3, user.joinedTags());
                update.setLong(4, now.toEpochMilli());
                update.setString(5, appKey);
                update.setString(6, user.userId());
                return update.executeUpdate() == 1;
            }
        });
    }

    public Optional<StoredUser> user(String appKey, String userId) {
        return Optional.ofNullable(users(appKey, List.of(userId)).get(userId));
    }

    /** The app's users among {@code userIds}, by id; ids it has no user for are absent. */
    public Map<String, StoredUser> users(String appKey, List<String> userIds) {
        return tx.run("reading " + userIds.size() + " users", c -> {
            Map<String, StoredUser> found = new HashMap<>();
            for (int from = 0; from < userIds.size(); from += LOOKUP_CHUNK) {
                lookup(c, appKey, userIds.subList(from, Math.min(userIds.size(), from + LOOKUP_CHUNK)), found);
            }
            return found;
        });
    }

    private static void lookup(Connection c, String appKey, List<String> ids, Map<String, StoredUser> found)
            throws SQLException {
        int n = ids.size();
        int size = InQuery.paddedSize(n);
        StringBuilder sql = new StringBuilder("SELECT user_id, mobile, email, tags FROM ums_user WHERE app_key = ?"
            + " AND user_id IN (");
        for (int i = 0; i < size; i++) {
            sql.append(i == 0 ? "?" : ", ?");
        }
        try (PreparedStatement select = c.prepareStatement(sql.append(')').toString())) {
            select.setString(1, appKey);
            for (int i = 0; i < size; i++) {
                select.setString(i + 2, ids.get(Math.min(i, n - 1)));
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.put(rows.getString(1), new StoredUser(rows.getString(1), rows.getString(2),
                        rows.getString(3), StoredUser.splitTags(rows.getString(4))));
                }
            }
        }
    }

    /**
     * Up to {@code limit} of the app's users in user id order after {@code afterUserId} (empty: from the first); with
     * a non-empty {@code query}, only those whose user id, mobile or email is exactly it (V18's key and V23's indexes).
     */
    public List<StoredUser> search(String appKey, String query, String afterUserId, int limit) {
        return tx.run("searching users", c -> {
            String sql = "SELECT user_id, mobile, email, tags FROM ums_user WHERE app_key = ? AND user_id > ?"
                + (query.isEmpty() ? "" : " AND (user_id = ? OR mobile = ? OR email = ?)")
                + " ORDER BY user_id LIMIT " + limit;
            List<StoredUser> found = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement(sql)) {
                select.setString(1, appKey);
                select.setString(2, afterUserId);
                if (!query.isEmpty()) {
                    select.setString(3, query);
                    select.setString(4, query);
                    select.setString(5, query);
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.add(new StoredUser(rows.getString(1), rows.getString(2), rows.getString(3),
                            StoredUser.splitTags(rows.getString(4))));
                    }
                }
            }
            return found;
        });
    }

    /** Deletes a user; false when the app has none with this id. */
    public boolean delete(String appKey, String userId) {
        return tx.run("deleting user " + userId, c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM ums_user WHERE app_key = ?"
                + " AND user_id = ?")) {
                delete.setString(1, appKey);
                delete.setString(2, userId);
                return delete.executeUpdate() == 1;
            }
        });
    }
}
