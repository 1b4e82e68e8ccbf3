package org.cmppgw.gateway.history;

import org.cmppgw.gateway.model.MessageIdGenerator;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Removes history older than {@code history.retentionDays} (docs/operations.md "History and expiry"): final messages
 * whose final status is older than that, with every row kept for them, then MO messages received before it,
 * callbacks abandoned before it, emails finished before it and tracked links created before it (docs/api.md "Click
 * tracking"). A message that is not final is never removed, however old.
 *
 * <p>Each round walks the message table from its first row in msg_id order up to the messages accepted before the
 * cut-off (a message final before the cut-off was accepted before it too), one bounded transaction per page with a
 * pause in between. What it leaves behind, the few old messages that are not final yet, is all it reads again next
 * round. Several nodes may run it at once: deletes are idempotent.
 */
public final class HistoryPurge {
    /** What one round removed. */
    public record Purged(long messages, long messageRows, long moMessages, long callbacks, long emails,
                         long clickLinks) {
        public long rows() {
            return messageRows + moMessages + callbacks + emails + clickLinks;
        }
    }

    private final HistoryStore store;
    private final Clock clock;
    private final long retentionMillis;
    private final BatchPace pace;

    public HistoryPurge(HistoryStore store, Clock clock, Duration retention, BatchPace pace) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention: " + retention + " (expected: > 0)");
        }
        this.retentionMillis = retention.toMillis();
        this.pace = Objects.requireNonNull(pace, "pace");
    }

    /** A delete of up to {@code max} rows below a bound. */
    @FunctionalInterface
    private interface LimitedDelete {
        int delete(long before, int max);
    }

    private long deleteAll(LimitedDelete delete, long before) {
        long deleted = 0;
        int n;
        do {
            n = delete.delete(before, pace.batchSize());
            deleted += n;
        } while (n == pace.batchSize() && pace.rest());
        return deleted;
    }

    /** One round over everything older than the retention. */
    public Purged round() {
        long cutoff = clock.millis() - retentionMillis;
        if (cutoff <= MessageIdGenerator.EPOCH_MILLIS) {
            return new Purged(0, 0, 0, 0, 0, 0);
        }
        long before = MessageIdGenerator.firstIdOf(cutoff);
        pace.begin();
        long messages = 0;
        long messageRows = 0;
        boolean going = true;
        long after = store.firstMessageId() - 1;
        while (going && after >= 0) {
            List<HistoryStore.Scanned> page = store.scan(after, before, pace.batchSize());
            if (page.isEmpty()) {
                break;
            }
            List<Long> doomed = new ArrayList<>();
            for (HistoryStore.Scanned s : page) {
                if (s.isFinal() && s.finalAt() < cutoff && !s.pending()) {
                    doomed.add(s.msgId());
                }
            }
            messageRows += store.deleteMessages(doomed);
            messages += doomed.size();
            after = page.get(page.size() - 1).msgId();
            going = page.size() == pace.batchSize() && pace.rest();
        }
        long mo = 0;
        long callbacks = 0;
        long emails = 0;
        long clickLinks = 0;
        if (!Thread.currentThread().isInterrupted()) {
            mo = deleteAll(store::deleteMoBefore, before);
            callbacks = deleteAll(store::deleteAbandonedCallbacksBefore, before);
            emails = deleteAll((bound, max) -> store.deleteEmailsBefore(bound, cutoff, max), before);
            clickLinks = deleteAll(store::deleteClickLinksBefore, cutoff);
        }
        return new Purged(messages, messageRows, mo, callbacks, emails, clickLinks);
    }
}
