/**
 * From accepted messages to provider queues (docs/design.md §3): {@link org.cmppgw.gateway.intake.DurableIntake} takes
 * the API's messages (bounded by {@link org.cmppgw.gateway.dispatch.DispatchCapacity}, durable before the API answers),
 * the {@link org.cmppgw.gateway.dispatch.Dispatcher} segments and routes them ({@link
 * org.cmppgw.gateway.dispatch.Router}: the providers of the message's channel, rules, then failover to a backup
 * provider) and, after a restart, sends again what the store still holds as pending. HOT path: called per message on
 * API event loops and on the store's completion threads; nothing blocks, nothing locks, nothing logs per message.
 */
package org.cmppgw.gateway.dispatch;
