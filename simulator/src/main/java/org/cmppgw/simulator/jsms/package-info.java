/**
 * The app side of the JSMS callback contract (docs/api.md, "Callbacks"): the SHA-1 signature, the callback form as
 * a value, and a Netty endpoint that answers the echostr URL verification, checks every POSTed form and hands the
 * good ones to a {@link org.cmppgw.simulator.jsms.CallbackListener}. Shared by the load generator's receiver and
 * the {@code callbacks} command; the signature and {@link org.cmppgw.simulator.jsms.Mobiles} (the API's mobile
 * number rule) also serve the fake endpoint. Hot path for the load generator: one event loop, no locks, no
 * per-callback logging.
 */
package org.cmppgw.simulator.jsms;
