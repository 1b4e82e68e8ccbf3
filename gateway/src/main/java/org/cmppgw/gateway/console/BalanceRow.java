package org.cmppgw.gateway.console;

import org.cmppgw.gateway.model.SmsType;

import java.util.Map;

/**
 * One owner's balances as the console's balance table shows them.
 *
 * @param owner   the app's key; empty for the account's unallocated balance
 * @param amounts parts per type; a type without a row is 0
 */
public record BalanceRow(String owner, Map<SmsType, Long> amounts) {
}
