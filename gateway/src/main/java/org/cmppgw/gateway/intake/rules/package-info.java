/**
 * The admission rules a message passes after its request is valid, each with its JSMS code (docs/api.md,
 * "Admission rules"): the app's and the account's standing (50036, 50301), sensitive words (50037), and the
 * per-mobile rules the store applies in the accept transaction (frequency 50009, repeat 50034, unsubscribed 50024).
 * Hot path: checked per message on the API's event loops or the store's writer thread; CPU only, except
 * {@link org.cmppgw.gateway.intake.rules.AppStanding}'s own thread for the store.
 */
package org.cmppgw.gateway.intake.rules;
