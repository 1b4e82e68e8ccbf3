package org.cmppgw.gateway.email;

import org.cmppgw.gateway.persistence.sql.Transactions;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;

/**
 * The {@code email_template} table (db/migration/V19__email_templates.sql, docs/api.md "Email templates"): each app's
 * templates, created, replaced, read and deleted by id. Blocking JDBC: call it from the email store threads, never
 * from an event loop. Thread-safe.
 */
public final class EmailTemplates {
    private static final String INSERT = "INSERT INTO email_template (app_key, subject, body_text, body_html,"
        + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)";
    private static final String UPDATE = "UPDATE email_template SET subject = ?, body_text = ?, body_html = ?,"
        + " updated_at = ? WHERE temp_id = ? AND app_key = ?";
    private static final String SELECT = "SELECT temp_id, app_key, subject, body_text, body_html, created_at,"
        + " updated_at FROM email_template WHERE temp_id = ? AND app_key = ?";
    private static final String DELETE = "DELETE FROM email_template WHERE temp_id = ? AND app_key = ?";

    private final Transactions tx;

    public EmailTemplates(DataSource dataSource) {
        this.tx = new Transactions(dataSource, "email templates");
    }

    /** Stores a checked template; returns its {@code temp_id}. */
    public long create(String appKey, EmailTemplateRequest template, long nowMillis) {
        return tx.run("create", c -> {
            try (PreparedStatement insert = c.prepareStatement(INSERT, Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, appKey);
                insert.setString(2, template.subject());
                setText(insert, 3, template.text());
                setText(insert, 4, template.html());
                insert.setLong(5, nowMillis);
                insert.setLong(6, nowMillis);
                insert.executeUpdate();
                return Transactions.generatedKey(insert);
            }
        });
    }

    /** Replaces a template's subject and bodies; false when the app has no such template. */
    public boolean update(String appKey, long id, EmailTemplateRequest template, long nowMillis) {
        return tx.run("update", c -> {
            try (PreparedStatement update = c.prepareStatement(UPDATE)) {
                update.setString(1, template.subject());
                setText(update, 2, template.text());
                setText(update, 3, template.html());
                update.setLong(4, nowMillis);
                update.setLong(5, id);
                update.setString(6, appKey);
                return update.executeUpdate() == 1;
            }
        });
    }

    /** The app's template {@code id}, or null. */
    public EmailTemplate find(String appKey, long id) {
        return tx.run("find", c -> {
            try (PreparedStatement select = c.prepareStatement(SELECT)) {
                select.setLong(1, id);
                select.setString(2, appKey);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? new EmailTemplate(row.getLong(1), row.getString(2), row.getString(3),
                        row.getString(4), row.getString(5), row.getLong(6), row.getLong(7)) : null;
                }
            }
        });
    }

    /** Deletes the app's template {@code id}; false when there was none. */
    public boolean delete(String appKey, long id) {
        return tx.run("delete", c -> {
            try (PreparedStatement delete = c.prepareStatement(DELETE)) {
                delete.setLong(1, id);
                delete.setString(2, appKey);
                return delete.executeUpdate() == 1;
            }
        });
    }

    private static void setText(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }
}
