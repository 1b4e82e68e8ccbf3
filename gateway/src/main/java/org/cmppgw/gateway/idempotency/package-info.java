/**
 * Idempotent sends (docs/api.md "When the database is slow or down"): an optional {@code Idempotency-Key} a client
 * gives a send is stored with the send's answer in the transaction that stores its messages, so that a retry of a
 * send whose outcome it never learnt gets the first answer instead of sending again. Warm path: one store read per
 * request that carries a key, on the store's own executor; requests without a key never touch this package.
 */
package org.cmppgw.gateway.idempotency;
