/**
 * Balances and billing (docs/api.md "Balances and billing", "Balance alerts"): the operator's and the apps' view of
 * the balances ({@link org.cmppgw.gateway.billing.BalanceService}) and the sender of balance alert SMS
 * ({@link org.cmppgw.gateway.billing.BalanceAlerts}). The spend itself happens in the store's accept transaction
 * ({@code persistence.jdbc.BalanceLedger}). Cold path: JDBC on the service's own thread, never on an event loop.
 */
package org.cmppgw.gateway.billing;
