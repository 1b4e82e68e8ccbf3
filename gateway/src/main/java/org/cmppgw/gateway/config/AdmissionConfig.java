package org.cmppgw.gateway.config;

import java.time.Duration;
import java.util.List;

/**
 * The {@code admission} section: the rules a message passes after its request is valid (docs/api.md, "Admission
 * rules"). The per-mobile counts are kept in the store, so they hold across batches, restarts and nodes.
 *
 * @param codes            verification-code messages per app and mobile (JSMS: 200 per 24 h)
 * @param sameNotification notifications with identical content per app and mobile (JSMS: 3 per 10 min)
 * @param notifications    notifications per app and mobile, whatever their content (JSMS: 200 per day)
 * @param marketing        marketing messages per app and mobile (JSMS: 3 per 10 min)
 * @param repeatWindow     the same content to the same mobile from the same app again within this is 50034; 0s = off
 * @param unsubscribeWords an MO whose whole text is one of these (trimmed, any case) unsubscribes its mobile from the
 *                         app's marketing (50024)
 * @param sensitiveWords   a message whose text contains one of these (any case) is 50037
 * @param standingRefresh  how often a node re-reads blacklisted apps and the frozen account from the store (changes
 *                         made on this node apply at once)
 * @param startFrozen      freeze the account (50301) when the gateway starts
 */
public record AdmissionConfig(SendQuota codes, SendQuota sameNotification, SendQuota notifications,
                              SendQuota marketing, Duration repeatWindow, List<String> unsubscribeWords,
                              List<String> sensitiveWords, Duration standingRefresh, boolean startFrozen) {
    /** Longest sensitive or unsubscribe word. */
    public static final int MAX_WORD_LENGTH = 100;

    public AdmissionConfig {
        ConfigChecks.present("codes", codes, "limit and window");
        ConfigChecks.present("sameNotification", sameNotification, "limit and window");
        ConfigChecks.present("notifications", notifications, "limit and window");
        ConfigChecks.present("marketing", marketing, "limit and window");
        ConfigChecks.notNegative("repeatWindow", repeatWindow);
        unsubscribeWords = words("unsubscribeWords", unsubscribeWords);
        sensitiveWords = words("sensitiveWords", sensitiveWords);
        ConfigChecks.positive("standingRefresh", standingRefresh);
    }

    private static List<String> words(String name, List<String> words) {
        List<String> list = ConfigChecks.list(name, words);
        for (int i = 0; i < list.size(); i++) {
            String word = list.get(i);
            if (word.isBlank() || !word.strip().equals(word) || word.length() > MAX_WORD_LENGTH) {
                throw new IllegalArgumentException(name + "[" + i + "]: \"" + word
                    + "\" (expected: 1.." + MAX_WORD_LENGTH + " characters, no surrounding spaces)");
            }
        }
        return list;
    }

    /** The longest window any per-mobile rule looks back: how long the store keeps a message's ledger entry. */
    public Duration horizon() {
        Duration longest = repeatWindow;
        for (SendQuota quota : List.of(codes, sameNotification, notifications, marketing)) {
            if (quota.limited() && quota.window().compareTo(longest) > 0) {
                longest = quota.window();
            }
        }
        return longest;
    }
}
