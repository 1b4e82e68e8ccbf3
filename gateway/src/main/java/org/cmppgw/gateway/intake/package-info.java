/**
 * Admission and the durable accept (docs/api.md, docs/design.md §3, §4): the rules that turn an authenticated app's
 * request into messages or the JSMS error that refuses it ({@link org.cmppgw.gateway.intake.MessageAdmission}:
 * templates, signatures, callback URLs, batch limits; {@link org.cmppgw.gateway.intake.AppRules}: the per-app request
 * rate), and the {@link org.cmppgw.gateway.intake.MessageIntake} that makes them durable before the API answers
 * ({@link org.cmppgw.gateway.intake.DurableIntake}: reserves dispatch capacity, group-commits, then dispatches).
 * Warm path, called on the API's event loops: CPU only, nothing blocks, a full sending path or store refuses at once
 * ({@link org.cmppgw.gateway.intake.IntakeRefusedException}) and the store's commit is awaited as a future.
 */
package org.cmppgw.gateway.intake;
