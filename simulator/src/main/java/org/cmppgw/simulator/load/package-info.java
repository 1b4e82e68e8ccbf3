/**
 * The end-to-end load generator for the JSMS-shaped HTTP API ({@link org.cmppgw.simulator.load.LoadGenerator}) and
 * what it records from the callbacks its {@link org.cmppgw.simulator.jsms.CallbackEndpoint} receives; it is tested
 * against the fake endpoint of {@link org.cmppgw.simulator.fakejsms}. Hot path: it must stay cheap next to the
 * gateway it measures, so each side runs on one event loop (no locks), requests are encoded from pre-built
 * templates, and nothing is logged per message.
 */
package org.cmppgw.simulator.load;
