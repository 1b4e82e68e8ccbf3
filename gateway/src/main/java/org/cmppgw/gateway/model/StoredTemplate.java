package org.cmppgw.gateway.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A template as the database keeps it (docs/api.md "Templates"): an app's own, or one seeded from gateway.yaml that
 * belongs to every app ({@code appKey} null). Marketing templates already carry the unsubscribe text.
 *
 * @param id        the {@code temp_id}
 * @param appKey    the owning app; null for a template from the configuration
 * @param content   the text with {@code {{name}}} variables
 * @param type      verification code, notification or marketing
 * @param ttl       seconds a verification code stays valid (code templates), else 0
 * @param remark    the app's note to the reviewer; may be empty
 * @param status    where its review stands
 * @param reason    why it was rejected; empty otherwise
 * @param createdAt when it was created
 * @param updatedAt when it last changed (created, modified or reviewed)
 */
public record StoredTemplate(long id, String appKey, String content, TemplateType type, int ttl, String remark,
                             ReviewStatus status, String reason, Instant createdAt, Instant updatedAt)
    implements AppOwned {
    public StoredTemplate {
        FieldChecks.positive("id", id);
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(type, "type");
        remark = remark == null ? "" : remark;
        Objects.requireNonNull(status, "status");
        reason = reason == null ? "" : reason;
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
