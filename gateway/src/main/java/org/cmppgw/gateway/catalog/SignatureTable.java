package org.cmppgw.gateway.catalog;

import org.cmppgw.gateway.intake.ApiError;
import org.cmppgw.gateway.intake.Outcome;
import org.cmppgw.gateway.model.ReviewStatus;
import org.cmppgw.gateway.persistence.sql.Dialect;
import org.cmppgw.gateway.persistence.sql.Transactions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The writes of an app's signatures and their images ({@code sms_signature}, {@code sms_signature_image}), for
 * {@link CatalogStore}: at most one pending signature per app (50103), modified only when rejected (50102), images
 * replaced whole. "At most one pending" is a read before a write, so each such transaction first locks the app's
 * {@code catalog_app_lock} row (V14): two nodes creating a signature for one app at once are decided one after the
 * other, and the second sees the first's pending row (a lock on the pending rows alone locks nothing while there are
 * none).
 */
final class SignatureTable {
    private static final String ENSURE_LOCK = "INSERT IGNORE INTO catalog_app_lock (app_key, locked_at) VALUES (?, ?)";
    private static final String LOCK = "UPDATE catalog_app_lock SET locked_at = ? WHERE app_key = ?";

    private final Transactions tx;
    private final Dialect dialect;

    SignatureTable(Transactions tx, Dialect dialect) {
        this.tx = tx;
        this.dialect = dialect;
    }

    /** A signature's images, in order. */
    List<SignatureImage> images(long signId) {
        return tx.run("reading signature images", c -> {
            List<SignatureImage> images = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT media_type, bytes FROM sms_signature_image"
                + " WHERE sign_id = ? ORDER BY image_no")) {
                select.setLong(1, signId);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        images.add(new SignatureImage(rows.getString(1), rows.getBytes(2)));
                    }
                }
            }
            return images;
        });
    }

    /**
     * Stores an app's new signature with its images, pending review; refused with 50103 while another signature of
     * the app is pending (checked under a lock on the app's pending rows).
     */
    Outcome<Long> insertSignature(String appKey, NewSignature s, Instant now) {
        ensureLockRow(appKey, now);
        return tx.run("insert signature", c -> {
            lockApp(c, appKey, now);
            if (pendingSignature(c, appKey, 0)) {
                return Outcome.<Long>fail(ApiError.SIGNATURE_IN_REVIEW);
            }
            long id;
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO sms_signature (app_key, sign, type,"
                + " remark, status, reason, created_at, updated_at) VALUES (?, ?, ?, ?, ?, '', ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, appKey);
                insert.setString(2, s.text());
                insert.setInt(3, s.type());
                insert.setString(4, s.remark());
                insert.setInt(5, ReviewStatus.PENDING.code());
                insert.setLong(6, now.toEpochMilli());
                insert.setLong(7, now.toEpochMilli());
                insert.executeUpdate();
                id = Transactions.generatedKey(insert);
            }
            insertImages(c, id, s.images());
            return Outcome.ok(id);
        });
    }

    /**
     * Replaces an app's rejected signature and its images, pending review again: 50102 when it is not the app's or
     * not rejected, 50103 while another of its signatures is pending.
     */
    Outcome<Long> updateRejectedSignature(String appKey, long id, NewSignature s, Instant now) {
        ensureLockRow(appKey, now);
        return tx.run("update rejected signature", c -> {
            lockApp(c, appKey, now);
            if (pendingSignature(c, appKey, id)) {
                return Outcome.<Long>fail(ApiError.SIGNATURE_IN_REVIEW);
            }
            try (PreparedStatement update = c.prepareStatement("UPDATE sms_signature SET sign = ?, type = ?,"
                + " remark = ?, status = ?, reason = '', updated_at = ? WHERE sign_id = ? AND app_key = ?"
                + " AND status = ?")) {
                update.setString(1, s.text());
                update.setInt(2, s.type());
                update.setString(3, s.remark());
                update.setInt(4, ReviewStatus.PENDING.code());
                update.setLong(5, now.toEpochMilli());
                update.setLong(6, id);
                update.setString(7, appKey);
                update.setInt(8, ReviewStatus.REJECTED.code());
                if (update.executeUpdate() != 1) {
                    return Outcome.<Long>fail(ApiError.INVALID_SIGN_ID, "only a rejected signature may be modified");
                }
            }
            deleteImages(c, id);
            insertImages(c, id, s.images());
            return Outcome.ok(id);
        });
    }

    /** Deletes an app's own signature and its images; false when it has none with this id. */
    boolean deleteSignature(String appKey, long id) {
        return tx.run("delete signature", c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM sms_signature WHERE sign_id = ?"
                + " AND app_key = ?")) {
                delete.setLong(1, id);
                delete.setString(2, appKey);
                if (delete.executeUpdate() != 1) {
                    return false;
                }
            }
            deleteImages(c, id);
            return true;
        });
    }

    /** The app's lock row, inserted in a transaction of its own: a lock on an existing row serialises cleanly. */
    private void ensureLockRow(String appKey, Instant now) {
        tx.run("insert catalog lock", c -> {
            try (PreparedStatement insert = c.prepareStatement(ENSURE_LOCK)) {
                insert.setString(1, appKey);
                insert.setLong(2, now.toEpochMilli());
                return insert.executeUpdate();
            }
        });
    }

    /** Locks the app's row until the transaction ends: the first statement, so no other lock is held before it. */
    private static void lockApp(Connection c, String appKey, Instant now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(LOCK)) {
            update.setLong(1, now.toEpochMilli());
            update.setString(2, appKey);
            update.executeUpdate();
        }
    }

    private boolean pendingSignature(Connection c, String appKey, long except) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT sign_id FROM sms_signature WHERE app_key = ?"
            + " AND status = ? AND sign_id <> ?" + dialect.messageLock())) {
            select.setString(1, appKey);
            select.setInt(2, ReviewStatus.PENDING.code());
            select.setLong(3, except);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static void insertImages(Connection c, long signId, List<SignatureImage> images) throws SQLException {
        if (images.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO sms_signature_image (sign_id, image_no,"
            + " media_type, bytes) VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < images.size(); i++) {
                insert.setLong(1, signId);
                insert.setInt(2, i);
                insert.setString(3, images.get(i).mediaType());
                insert.setBytes(4, images.get(i).bytes());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void deleteImages(Connection c, long signId) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM sms_signature_image WHERE sign_id = ?")) {
            delete.setLong(1, signId);
            delete.executeUpdate();
        }
    }
}
