package org.cmppgw.gateway.persistence;

import org.cmppgw.gateway.model.SmsType;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where balances, the operator's balance operations and the queued balance alerts live (docs/api.md "Balances and
 * billing"). The accept transaction spends from the same rows ({@code BalanceLedger}). Cold path and blocking:
 * callers run it on their own thread, never on an event loop. Each change is one transaction that locks the rows it
 * changes, the account's before the app's, so it is exact against the accept lanes of every node.
 */
public interface BalanceStore {
    /** The owner key of the account's unallocated balance. */
    String ACCOUNT = "";

    /** The balances of one owner, every type present (0 when never set). */
    record Balances(String owner, Map<SmsType, Long> amounts) {
        public Balances {
            Objects.requireNonNull(owner, "owner");
            EnumMap<SmsType, Long> all = new EnumMap<>(SmsType.class);
            for (SmsType type : SmsType.values()) {
                all.put(type, amounts.getOrDefault(type, 0L));
            }
            amounts = Map.copyOf(all);
        }

        public long amount(SmsType type) {
            return amounts.get(type);
        }

        /** All types together. */
        public long total() {
            long sum = 0;
            for (long amount : amounts.values()) {
                sum += amount;
            }
            return sum;
        }
    }

    /** What an operator may do to a balance. */
    enum Operation {
        /** Adds to the account's unallocated balance. */
        TOP_UP("top_up"),
        /** Moves balance from the account to an app. */
        ALLOCATE("allocate"),
        /** Moves balance from an app back to the account. */
        RETURN("return");

        private final String label;

        Operation(String label) {
            this.label = label;
        }

        /** Its name in the operation log. */
        public String label() {
            return label;
        }
    }

    /**
     * The outcome of an operation.
     *
     * @param done         false when the balance it takes from holds less than the amount (nothing changed)
     * @param appAfter     the app's balance of the type afterwards (0 for a top-up)
     * @param accountAfter the account's unallocated balance of the type afterwards
     */
    record Change(boolean done, long appAfter, long accountAfter) {
    }

    /** One row of the operation log. */
    record LogEntry(long id, String operator, long atMillis, Operation operation, String appKey, SmsType type,
                    long amount, long appAfter, long accountAfter) {
    }

    /** One queued alert: {@code appKey}'s {@code type} balance fell to {@code amount}, below {@code threshold}. */
    record Alert(long id, String appKey, SmsType type, long amount, long threshold, long createdAtMillis) {
    }

    /**
     * One app's balance alert settings as stored (docs/api.md "Balance alerts"); the billing service checks them with
     * the bounds of {@code billing.alerts} before they are saved.
     *
     * @param mobiles   the contact mobiles
     * @param industry  the threshold of the industry balance, 0 = none
     * @param market    the threshold of the marketing balance, 0 = none
     * @param voice     the threshold of the voice balance, 0 = none
     * @param updatedBy the operator who saved it last; "" when it was written from the configuration
     */
    record AlertSetting(String appKey, List<String> mobiles, long industry, long market, long voice,
                        String updatedBy, long updatedAtMillis) {
        public AlertSetting {
            Objects.requireNonNull(appKey, "appKey");
            mobiles = List.copyOf(mobiles);
            Objects.requireNonNull(updatedBy, "updatedBy");
        }

        /** The threshold of {@code type}; 0 = no alert. */
        public long threshold(SmsType type) {
            return switch (type) {
                case INDUSTRY -> industry;
                case MARKET -> market;
                case VOICE -> voice;
            };
        }
    }

    Balances read(String owner);

    /** The balances of the account and of every app that has a row. */
    List<Balances> readAll();

    /**
     * Applies one operator operation and logs it in the same transaction.
     *
     * @param appKey    the app (ignored for {@link Operation#TOP_UP})
     * @param amount    parts, at least 1
     * @param threshold the app's alert threshold of {@code type}: raising its balance to it or above re-arms the alert
     */
    Change apply(String operator, Operation operation, String appKey, SmsType type, long amount, long threshold,
                 long nowMillis);

    /** The operation log, newest first. */
    List<LogEntry> log(int offset, int limit);

    /** How many operations the log holds. */
    long logSize();

    /** One app's operations in the log, newest first (an index walk: V25's {@code balance_log_app}). */
    List<LogEntry> log(String appKey, int offset, int limit);

    /** How many operations of {@code appKey} the log holds. */
    long logSize(String appKey);

    /**
     * The stored balance alert settings of every app that has some (docs/api.md "Balance alerts"), with the same
     * bounds as {@code billing.alerts}.
     */
    List<AlertSetting> alertSettings();

    /**
     * Replaces {@code setting.appKey()}'s alert settings (with its operator and time), and re-arms each of its
     * balances that is at or above its new threshold, so the next spend that crosses below it queues an alert.
     */
    void saveAlertSetting(AlertSetting setting);

    /**
     * Writes each setting of the configuration whose app has none stored yet; a stored one (an operator's edit) is
     * kept.
     *
     * @return how many were written
     */
    int seedAlertSettings(List<AlertSetting> settings);

    /** Takes up to {@code max} queued alerts for sending: each is handed to one caller only, on any node. */
    List<Alert> claimAlerts(int max, long nowMillis);
}
