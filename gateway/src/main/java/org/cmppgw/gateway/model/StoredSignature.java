package org.cmppgw.gateway.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A signature as the database keeps it (docs/api.md "Signatures"): an app's own, or one seeded from gateway.yaml that
 * belongs to every app ({@code appKey} null). Its images are stored apart and read only by the operator API.
 *
 * @param id         the {@code sign_id}
 * @param appKey     the owning app; null for a signature from the configuration
 * @param text       2–16 letters or digits, sent as {@code 【text】}
 * @param type       JSMS's signature type, 1–6 (company, website, app, public account, trademark, shop)
 * @param remark     the app's note to the reviewer; may be empty
 * @param status     where its review stands
 * @param reason     why it was rejected; empty otherwise
 * @param images     how many supporting images it has
 * @param createdAt  when it was created
 * @param updatedAt  when it last changed
 */
public record StoredSignature(long id, String appKey, String text, int type, String remark, ReviewStatus status,
                              String reason, int images, Instant createdAt, Instant updatedAt) implements AppOwned {
    public StoredSignature {
        FieldChecks.positive("id", id);
        Objects.requireNonNull(text, "text");
        remark = remark == null ? "" : remark;
        Objects.requireNonNull(status, "status");
        reason = reason == null ? "" : reason;
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** {@code 【text】}, the prefix of every message signed with it. */
    public String prefix() {
        return "【" + text + "】";
    }
}
