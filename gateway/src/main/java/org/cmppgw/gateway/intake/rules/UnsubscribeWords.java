package org.cmppgw.gateway.intake.rules;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Whether an MO's text asks to unsubscribe from an app's marketing (JSMS 50024, docs/api.md "Admission rules"): the
 * whole text, trimmed, is one of the configured words, ignoring case ({@code td}, {@code T}, {@code 退订}). A longer
 * text that merely contains one (a reply "TD please call me") does not unsubscribe.
 */
public final class UnsubscribeWords {
    private final Set<String> words;

    public UnsubscribeWords(List<String> words) {
        Set<String> set = new HashSet<>();
        for (String word : words) {
            set.add(word.strip().toLowerCase(Locale.ROOT));
        }
        this.words = Set.copyOf(set);
    }

    public boolean unsubscribes(String moText) {
        return moText != null && !words.isEmpty() && words.contains(moText.strip().toLowerCase(Locale.ROOT));
    }
}
