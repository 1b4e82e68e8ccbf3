/**
 * Send policies (docs/api.md "Send policies"): an app's rules for sending one message over several channels in turn,
 * each step after the first only when conditions on the earlier steps hold ("not delivered within N minutes").
 * Checked by {@link org.cmppgw.gateway.policy.PolicyRules}, stored in {@code send_policy}
 * ({@link org.cmppgw.gateway.policy.PolicyStore}). A send with a policy starts a run per user
 * ({@link org.cmppgw.gateway.policy.PolicyRuns}); the {@link org.cmppgw.gateway.policy.PolicyRunner} decides its later
 * steps when their durable timers are due, reading the stored reports then. Cold path: a send without a policy never
 * comes here.
 */
package org.cmppgw.gateway.policy;
