/**
 * Send policies (docs/api.md "Send policies"): an app's rules for sending one message over several channels in turn,
 * each step after the first only when conditions on the earlier steps hold ("not delivered within N minutes").
 * Checked by {@link org.cmppgw.gateway.policy.PolicyRules}, stored in {@code send_policy}
 * ({@link org.cmppgw.gateway.policy.PolicyStore}). Cold path.
 */
package org.cmppgw.gateway.policy;
