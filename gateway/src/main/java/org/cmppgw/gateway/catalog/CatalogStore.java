package org.cmppgw.gateway.catalog;

import org.cmppgw.gateway.config.SignatureConfig;
import org.cmppgw.gateway.config.TemplateConfig;
import org.cmppgw.gateway.intake.ApiError;
import org.cmppgw.gateway.intake.Outcome;
import org.cmppgw.gateway.intake.TemplateCatalog;
import org.cmppgw.gateway.model.CallbackType;
import org.cmppgw.gateway.model.ReviewOutcome;
import org.cmppgw.gateway.model.ReviewStatus;
import org.cmppgw.gateway.model.StoredSignature;
import org.cmppgw.gateway.model.StoredTemplate;
import org.cmppgw.gateway.model.TemplateType;
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
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The {@code sms_template}, {@code sms_signature}, {@code sms_signature_image} and {@code review_event} tables
 * (V3 migration); the signature writes are {@link SignatureTable}'s. Blocking JDBC: called only from
 * {@link CatalogService}'s thread. Changes an app makes are conditional updates
 * ({@code WHERE app_key = ? AND status = ?}), so two nodes racing on one row cannot both win; a review writes the
 * decision, its {@code review_event} and the {@code callback_outbox} row in one transaction.
 */
public final class CatalogStore {
    private static final String TEMPLATE_COLUMNS = "temp_id, app_key, content, type, ttl, remark, status, reason,"
        + " created_at, updated_at";
    private static final String SIGNATURE_COLUMNS = "s.sign_id, s.app_key, s.sign, s.type, s.remark, s.status,"
        + " s.reason, (SELECT COUNT(*) FROM sms_signature_image i WHERE i.sign_id = s.sign_id), s.created_at,"
        + " s.updated_at";

    /** A review's subject: which table, and the errors of a missing or already reviewed row. */
    public enum Subject {
        TEMPLATE("sms_template", "temp_id", CallbackType.SMS_TEMPLATE, ApiError.INVALID_TEMP_ID),
        SIGNATURE("sms_signature", "sign_id", CallbackType.SMS_SIGN, ApiError.INVALID_SIGN_ID);

        private final String table;
        private final String key;
        private final CallbackType callback;
        private final ApiError notFound;

        Subject(String table, String key, CallbackType callback, ApiError notFound) {
            this.table = table;
            this.key = key;
            this.callback = callback;
            this.notFound = notFound;
        }

        public ApiError notFound() {
            return notFound;
        }
    }

    private final Transactions tx;
    private final Dialect dialect;
    private final SignatureTable signatureTable;

    public CatalogStore(DataSource dataSource) {
        this.tx = new Transactions(dataSource, "catalog");
        this.dialect = Dialect.of(dataSource);
        this.signatureTable = new SignatureTable(tx, dialect);
    }

    /**
     * Writes the configuration's templates and signatures as shared rows with their ids: inserted when absent,
     * updated when they differ, kept otherwise (so a restart changes nothing); shared rows the configuration no longer
     * has are deleted (the file is their only source).
     *
     * @throws IllegalStateException when an id is taken by an app's own template or signature
     */
    public void seed(List<TemplateConfig> templates, List<SignatureConfig> signatures, Instant now) {
        tx.run("seeding from the configuration", c -> {
            deleteSharedExcept(c, "sms_template", "temp_id", templates.stream().map(t -> (long) t.id()).toList());
            deleteSharedExcept(c, "sms_signature", "sign_id", signatures.stream().map(t -> (long) t.id()).toList());
            for (int i = 0; i < templates.size(); i++) {
                seedTemplate(c, i, TemplateCatalog.seeded(templates.get(i), now));
            }
            for (int i = 0; i < signatures.size(); i++) {
                seedSignature(c, i, TemplateCatalog.seeded(signatures.get(i), now));
            }
            return null;
        });
    }

    private static void deleteSharedExcept(Connection c, String table, String key, List<Long> keep)
            throws SQLException {
        List<Long> gone = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT " + key + " FROM " + table
            + " WHERE app_key IS NULL");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                if (!keep.contains(rows.getLong(1))) {
                    gone.add(rows.getLong(1));
                }
            }
        }
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + table + " WHERE " + key + " = ?")) {
            for (long id : gone) {
                delete.setLong(1, id);
                delete.addBatch();
            }
            if (!gone.isEmpty()) {
                delete.executeBatch();
            }
        }
    }

    private void seedTemplate(Connection c, int index, StoredTemplate t) throws SQLException {
        Optional<StoredTemplate> stored = template(c, t.id());
        if (stored.isPresent() && !stored.get().shared()) {
            throw new IllegalStateException("templates[" + index + "].id: " + t.id() + " (expected: an id no app's"
                + " template has; app " + stored.get().appKey() + " created template " + t.id() + ")");
        }
        if (stored.isEmpty()) {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO sms_template (" + TEMPLATE_COLUMNS
                + ") VALUES (?, NULL, ?, ?, ?, '', ?, '', ?, ?)")) {
                insert.setLong(1, t.id());
                insert.setString(2, t.content());
                insert.setInt(3, TemplateRules.code(t.type()));
                insert.setInt(4, t.ttl());
                insert.setInt(5, t.status().code());
                insert.setLong(6, t.createdAt().toEpochMilli());
                insert.setLong(7, t.updatedAt().toEpochMilli());
                insert.executeUpdate();
            }
            return;
        }
        StoredTemplate s = stored.get();
        if (s.content().equals(t.content()) && s.type() == t.type() && s.ttl() == t.ttl() && s.status() == t.status()) {
            return;
        }
        try (PreparedStatement update = c.prepareStatement("UPDATE sms_template SET content = ?, type = ?, ttl = ?,"
            + " status = ?, updated_at = ? WHERE temp_id = ?")) {
            update.setString(1, t.content());
            update.setInt(2, TemplateRules.code(t.type()));
            update.setInt(3, t.ttl());
            update.setInt(4, t.status().code());
            update.setLong(5, t.updatedAt().toEpochMilli());
            update.setLong(6, t.id());
            update.executeUpdate();
        }
    }

    private void seedSignature(Connection c, int index, StoredSignature s) throws SQLException {
        Optional<StoredSignature> stored = signature(c, s.id());
        if (stored.isPresent() && !stored.get().shared()) {
            throw new IllegalStateException("signatures[" + index + "].id: " + s.id() + " (expected: an id no app's"
                + " signature has; app " + stored.get().appKey() + " created signature " + s.id() + ")");
        }
        if (stored.isEmpty()) {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO sms_signature (sign_id, app_key, sign,"
                + " type, remark, status, reason, created_at, updated_at) VALUES (?, NULL, ?, ?, '', ?, '', ?, ?)")) {
                insert.setLong(1, s.id());
                insert.setString(2, s.text());
                insert.setInt(3, s.type());
                insert.setInt(4, s.status().code());
                insert.setLong(5, s.createdAt().toEpochMilli());
                insert.setLong(6, s.updatedAt().toEpochMilli());
                insert.executeUpdate();
            }
        } else if (!stored.get().text().equals(s.text())) {
            try (PreparedStatement update = c.prepareStatement("UPDATE sms_signature SET sign = ?, updated_at = ?"
                + " WHERE sign_id = ?")) {
                update.setString(1, s.text());
                update.setLong(2, s.updatedAt().toEpochMilli());
                update.setLong(3, s.id());
                update.executeUpdate();
            }
        }
    }

    /** Every template. */
    public List<StoredTemplate> templates() {
        return tx.run("reading templates", c -> {
            List<StoredTemplate> all = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT " + TEMPLATE_COLUMNS + " FROM sms_template");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    all.add(template(rows));
                }
            }
            return all;
        });
    }

    /** Every signature, with its image count. */
    public List<StoredSignature> signatures() {
        return tx.run("reading signatures", c -> {
            List<StoredSignature> all = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT " + SIGNATURE_COLUMNS
                + " FROM sms_signature s");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    all.add(signature(rows));
                }
            }
            return all;
        });
    }

    public Optional<StoredTemplate> template(long id) {
        return tx.run("reading a template", c -> template(c, id));
    }

    public Optional<StoredSignature> signature(long id) {
        return tx.run("reading a signature", c -> signature(c, id));
    }

    /** A signature's images, in order. */
    public List<SignatureImage> images(long signId) {
        return signatureTable.images(signId);
    }

    /** Stores an app's new signature with its images, pending review; 50103 while another of the app's is pending. */
    public Outcome<Long> insertSignature(String appKey, NewSignature s, Instant now) {
        return signatureTable.insertSignature(appKey, s, now);
    }

    /** Replaces an app's rejected signature and its images: 50102 when not the app's or not rejected, or 50103. */
    public Outcome<Long> updateRejectedSignature(String appKey, long id, NewSignature s, Instant now) {
        return signatureTable.updateRejectedSignature(appKey, id, s, now);
    }

    /** Deletes an app's own signature and its images; false when it has none with this id. */
    public boolean deleteSignature(String appKey, long id) {
        return signatureTable.deleteSignature(appKey, id);
    }

    /** Stores an app's new template, pending review; its {@code temp_id}. */
    public long insertTemplate(String appKey, NewTemplate t, Instant now) {
        return tx.run("insert template", c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO sms_template (app_key, content, type, ttl,"
                + " remark, status, reason, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, '', ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, appKey);
                insert.setString(2, t.content());
                insert.setInt(3, TemplateRules.code(t.type()));
                insert.setInt(4, t.ttl());
                insert.setString(5, t.remark());
                insert.setInt(6, ReviewStatus.PENDING.code());
                insert.setLong(7, now.toEpochMilli());
                insert.setLong(8, now.toEpochMilli());
                insert.executeUpdate();
                return Transactions.generatedKey(insert);
            }
        });
    }

    /** Replaces an app's rejected template, pending review again; false when it is not the app's or not rejected. */
    public boolean updateRejectedTemplate(String appKey, long id, NewTemplate t, Instant now) {
        return tx.run("update rejected template", c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE sms_template SET content = ?, type = ?,"
                + " ttl = ?, remark = ?, status = ?, reason = '', updated_at = ? WHERE temp_id = ? AND app_key = ?"
                + " AND status = ?")) {
                update.setString(1, t.content());
                update.setInt(2, TemplateRules.code(t.type()));
                update.setInt(3, t.ttl());
                update.setString(4, t.remark());
                update.setInt(5, ReviewStatus.PENDING.code());
                update.setLong(6, now.toEpochMilli());
                update.setLong(7, id);
                update.setString(8, appKey);
                update.setInt(9, ReviewStatus.REJECTED.code());
                return update.executeUpdate() == 1;
            }
        });
    }

    /** Deletes an app's own template; false when it has none with this id. */
    public boolean deleteTemplate(String appKey, long id) {
        return tx.run("delete template", c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM sms_template WHERE temp_id = ?"
                + " AND app_key = ?")) {
                delete.setLong(1, id);
                delete.setString(2, appKey);
                return delete.executeUpdate() == 1;
            }
        });
    }

    /**
     * Approves or rejects a pending template or signature of an app, and in the same transaction records the decision
     * and its callback to {@code callbackUrl} (none when null). 50013 / 50102 when there is no such app's row, 409
     * when it is not pending.
     *
     * @param outboxId the callback outbox row's id (outbox ids come from the gateway's id generator)
     */
    public Outcome<ReviewOutcome> review(Subject subject, long id, boolean approve, String reason, Instant now,
                                         Function<String, String> callbackUrl, long outboxId) {
        return tx.run("review", c -> {
            String appKey;
            ReviewStatus status;
            try (PreparedStatement select = c.prepareStatement("SELECT app_key, status FROM " + subject.table
                + " WHERE " + subject.key + " = ?" + dialect.messageLock())) {
                select.setLong(1, id);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next() || row.getString(1) == null) {
                        return Outcome.<ReviewOutcome>fail(subject.notFound);
                    }
                    appKey = row.getString(1);
                    status = ReviewStatus.of(row.getInt(2));
                }
            }
            if (status != ReviewStatus.PENDING) {
                return Outcome.<ReviewOutcome>fail(ApiError.NOT_PENDING, subject.key + " " + id + " is "
                    + status.name().toLowerCase(Locale.ROOT));
            }
            ReviewStatus decided = approve ? ReviewStatus.APPROVED : ReviewStatus.REJECTED;
            String why = approve ? "" : reason;
            try (PreparedStatement update = c.prepareStatement("UPDATE " + subject.table + " SET status = ?,"
                + " reason = ?, updated_at = ? WHERE " + subject.key + " = ? AND status = ?")) {
                update.setInt(1, decided.code());
                update.setString(2, why);
                update.setLong(3, now.toEpochMilli());
                update.setLong(4, id);
                update.setInt(5, ReviewStatus.PENDING.code());
                if (update.executeUpdate() != 1) {
                    return Outcome.<ReviewOutcome>fail(ApiError.NOT_PENDING, subject.key + " " + id
                        + " was reviewed meanwhile");
                }
            }
            long eventId;
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO review_event (kind, subject_id, app_key,"
                + " status, reason, reviewed_at) VALUES (?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                insert.setInt(1, subject.callback.code());
                insert.setLong(2, id);
                insert.setString(3, appKey);
                insert.setInt(4, decided.code());
                insert.setString(5, why);
                insert.setLong(6, now.toEpochMilli());
                insert.executeUpdate();
                eventId = Transactions.generatedKey(insert);
            }
            String url = callbackUrl.apply(appKey);
            if (url != null) {
                try (PreparedStatement outbox = c.prepareStatement("INSERT INTO callback_outbox (id, kind, app_key,"
                    + " url, ref_id, created_at, due_at, attempts) VALUES (?, ?, ?, ?, ?, ?, ?, 0)")) {
                    outbox.setLong(1, outboxId);
                    outbox.setInt(2, subject.callback.code());
                    outbox.setString(3, appKey);
                    outbox.setString(4, url);
                    outbox.setLong(5, eventId);
                    outbox.setLong(6, now.toEpochMilli());
                    outbox.setLong(7, now.toEpochMilli());
                    outbox.executeUpdate();
                }
            }
            return Outcome.ok(new ReviewOutcome(eventId, subject.callback, id, decided, why, now));
        });
    }

    private static Optional<StoredTemplate> template(Connection c, long id) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT " + TEMPLATE_COLUMNS
            + " FROM sms_template WHERE temp_id = ?")) {
            select.setLong(1, id);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(template(rows)) : Optional.empty();
            }
        }
    }

    private static Optional<StoredSignature> signature(Connection c, long id) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT " + SIGNATURE_COLUMNS
            + " FROM sms_signature s WHERE s.sign_id = ?")) {
            select.setLong(1, id);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(signature(rows)) : Optional.empty();
            }
        }
    }

    private static StoredTemplate template(ResultSet r) throws SQLException {
        return new StoredTemplate(r.getLong(1), r.getString(2), r.getString(3), type(r.getInt(4)), r.getInt(5),
            r.getString(6), ReviewStatus.of(r.getInt(7)), r.getString(8), Instant.ofEpochMilli(r.getLong(9)),
            Instant.ofEpochMilli(r.getLong(10)));
    }

    private static StoredSignature signature(ResultSet r) throws SQLException {
        return new StoredSignature(r.getLong(1), r.getString(2), r.getString(3), r.getInt(4), r.getString(5),
            ReviewStatus.of(r.getInt(6)), r.getString(7), r.getInt(8), Instant.ofEpochMilli(r.getLong(9)),
            Instant.ofEpochMilli(r.getLong(10)));
    }

    private static TemplateType type(int code) {
        return switch (code) {
            case 1 -> TemplateType.CODE;
            case 2 -> TemplateType.NOTIFICATION;
            case 3 -> TemplateType.MARKETING;
            default -> throw new IllegalStateException("catalog - stored template type " + code
                + " (expected: 1..3)");
        };
    }

}
