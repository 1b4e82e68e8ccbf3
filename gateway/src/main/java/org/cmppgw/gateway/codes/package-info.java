/**
 * Verification codes (docs/api.md "Verification codes"): the gateway generates a code ({@link
 * org.cmppgw.gateway.codes.CodeGenerator}), sends it through the normal intake, and keeps only a salted, keyed hash of
 * it ({@link org.cmppgw.gateway.codes.CodeHasher}) in a {@link org.cmppgw.gateway.codes.CodeStore}, so checks work
 * across restarts and nodes. {@link org.cmppgw.gateway.codes.VerificationCodes} decides a check's answer. Warm path:
 * one store round trip per request, on the store's own executor, never on an event loop.
 */
package org.cmppgw.gateway.codes;
