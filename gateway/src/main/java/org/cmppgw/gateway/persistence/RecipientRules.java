package org.cmppgw.gateway.persistence;

/**
 * The per-recipient admission rules the store applies inside the accept transaction, where the counts of every node
 * meet (docs/api.md, "Admission rules"): frequency (50009), repeat send (50034), unsubscribed (50024). The store
 * supplies each message's history; the rules decide. Called on the store's writer thread: pure CPU, no I/O.
 */
public interface RecipientRules {
    /** Template types as the ledger stores them (JSMS's numbers). */
    int CODE = 1;
    int NOTIFICATION = 2;
    int MARKETING = 3;

    /** Admits everything and keeps no ledger. */
    RecipientRules NONE = new RecipientRules() {
        @Override
        public long horizonMillis() {
            return 0;
        }

        @Override
        public int verdict(SendHistory history, int kind, long hash, long atMillis, boolean unsubscribed) {
            return 0;
        }
    };

    /** How far back a decision looks: ledger entries older than this are never needed again. 0 = no ledger. */
    long horizonMillis();

    /**
     * Decides one message.
     *
     * @param history      the app's recent messages to this mobile, including those admitted earlier in the same
     *                     transaction
     * @param kind         the message's template type ({@link #CODE}, {@link #NOTIFICATION}, {@link #MARKETING})
     * @param hash         a 64-bit hash of its full text
     * @param atMillis     when it was accepted
     * @param unsubscribed whether the mobile unsubscribed from the app's marketing
     * @return 0 to admit, else the JSMS code that refuses it
     */
    int verdict(SendHistory history, int kind, long hash, long atMillis, boolean unsubscribed);
}
