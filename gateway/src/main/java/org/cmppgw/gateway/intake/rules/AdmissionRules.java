package org.cmppgw.gateway.intake.rules;

import org.cmppgw.gateway.config.AdmissionConfig;

import java.util.Objects;

/**
 * The rules {@link org.cmppgw.gateway.intake.MessageAdmission} checks itself, on the event loop (docs/api.md,
 * "Admission rules"): the account's and the app's standing, then sensitive words in the text. The per-mobile rules
 * are the store's ({@link MobileRules}).
 */
public final class AdmissionRules {
    private final AppStanding standing;
    private final SensitiveWords sensitiveWords;

    public AdmissionRules(AppStanding standing, SensitiveWords sensitiveWords) {
        this.standing = Objects.requireNonNull(standing, "standing");
        this.sensitiveWords = Objects.requireNonNull(sensitiveWords, "sensitiveWords");
    }

    /** The configured words with standing kept in memory (no store). */
    public static AdmissionRules inMemory(AdmissionConfig config) {
        return new AdmissionRules(AppStanding.inMemory(), SensitiveWords.of(config.sensitiveWords()));
    }

    public AppStanding standing() {
        return standing;
    }

    /** Whether the text contains a sensitive word (50037). */
    public boolean sensitive(CharSequence text) {
        return sensitiveWords.foundIn(text);
    }
}
