package org.cmppgw.gateway.intake;

import org.cmppgw.gateway.config.SignatureConfig;
import org.cmppgw.gateway.config.SubmitOverride;
import org.cmppgw.gateway.config.TemplateConfig;
import org.cmppgw.gateway.model.ReviewStatus;
import org.cmppgw.gateway.model.StoredSignature;
import org.cmppgw.gateway.model.StoredTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The templates and signatures admission reads (docs/api.md "Templates", "Signatures"): an immutable snapshot of the
 * database's rows, templates compiled once, swapped whole when the rows change (after every change made through the
 * API, and periodically for other nodes' changes). Lookups never touch the database: CPU only, safe on an event loop.
 * Another app's template or signature is not there for an app.
 */
public final class TemplateCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(TemplateCatalog.class);
    /** The signature type of the ones seeded from the configuration: JSMS type 1, a company name. */
    public static final int SEEDED_SIGNATURE_TYPE = 1;

    /** A template with its compiled form. */
    record Compiled(StoredTemplate stored, MessageTemplate template) {
    }

    private record Snapshot(Map<Long, Compiled> templates, Map<Long, StoredSignature> signatures,
                            Map<String, Long> firstApproved) {
    }

    private volatile Snapshot snapshot;

    public TemplateCatalog(List<StoredTemplate> templates, List<StoredSignature> signatures) {
        replace(templates, signatures);
    }

    /** A catalog of the configuration's templates and signatures only (no database). */
    public static TemplateCatalog of(List<TemplateConfig> templates, List<SignatureConfig> signatures) {
        Instant epoch = Instant.EPOCH;
        return new TemplateCatalog(templates.stream().map(t -> seeded(t, epoch)).toList(),
            signatures.stream().map(s -> seeded(s, epoch)).toList());
    }

    /** The row a configured template is seeded as: shared, approved or pending as configured. */
    public static StoredTemplate seeded(TemplateConfig t, Instant now) {
        return new StoredTemplate(t.id(), null, t.content(), t.type(), t.ttl(), "",
            t.approved() ? ReviewStatus.APPROVED : ReviewStatus.PENDING, "", now, now);
    }

    /** The row a configured signature is seeded as: shared and approved. */
    public static StoredSignature seeded(SignatureConfig s, Instant now) {
        return new StoredSignature(s.id(), null, s.text(), SEEDED_SIGNATURE_TYPE, "", ReviewStatus.APPROVED, "", 0,
            now, now);
    }

    /** Replaces everything with {@code templates} and {@code signatures}, as read from the database. */
    public void replace(List<StoredTemplate> templates, List<StoredSignature> signatures) {
        Map<Long, Compiled> compiled = new HashMap<>();
        for (StoredTemplate t : templates) {
            try {
                compiled.put(t.id(), new Compiled(t, MessageTemplate.compile(new TemplateConfig((int) t.id(),
                    t.content(), t.status() == ReviewStatus.APPROVED, t.type(), SubmitOverride.NONE, t.ttl()))));
            } catch (IllegalArgumentException e) {
                // rows are checked when written; one changed by hand must not take the others down
                LOG.warn("catalog - template {} left out: {}", t.id(), e.getMessage());
            }
        }
        Map<Long, StoredSignature> signs = new HashMap<>();
        Map<String, Long> firstApproved = new HashMap<>();
        for (StoredSignature s : signatures) {
            signs.put(s.id(), s);
            if (!s.shared() && s.status() == ReviewStatus.APPROVED) {
                firstApproved.merge(s.appKey(), s.id(), Math::min);
            }
        }
        snapshot = new Snapshot(Map.copyOf(compiled), Map.copyOf(signs), Map.copyOf(firstApproved));
    }

    /** The compiled template {@code id} if {@code appKey} may use it, else null. */
    Compiled compiled(String appKey, long id) {
        Compiled c = snapshot.templates().get(id);
        return c != null && c.stored().visibleTo(appKey) ? c : null;
    }

    /** Template {@code id} if {@code appKey} may see it, else null. */
    public StoredTemplate template(String appKey, long id) {
        Compiled c = compiled(appKey, id);
        return c == null ? null : c.stored();
    }

    /** Signature {@code id} if {@code appKey} may see it, else null. */
    public StoredSignature signature(String appKey, long id) {
        StoredSignature s = snapshot.signatures().get(id);
        return s != null && s.visibleTo(appKey) ? s : null;
    }

    /**
     * The signature of an app's messages that name none: the configured {@code apps[].defaultSignId}, else the app's
     * first approved signature of its own; 0 when it has neither (JSMS 50046).
     */
    public long defaultSignId(String appKey, long configured) {
        if (configured > 0) {
            return configured;
        }
        Long first = snapshot.firstApproved().get(appKey);
        return first == null ? 0 : first;
    }

    /** Every template, for tests and the operator's view. */
    public List<StoredTemplate> templates() {
        List<StoredTemplate> all = new ArrayList<>();
        snapshot.templates().values().forEach(c -> all.add(c.stored()));
        return all;
    }
}
