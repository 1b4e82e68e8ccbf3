/**
 * A fake JSMS endpoint ({@link org.cmppgw.simulator.fakejsms.FakeJsmsServer}): the gateway's HTTP API as docs/api.md
 * describes it, played by the simulator so the load generator can be tested, and its own ceiling measured, without
 * a gateway. It accepts messages with the API's validation codes and sends each accepted one a signed SMS_REPORT
 * callback, with fault knobs that drop, duplicate or mis-sign a share of them. Hot path while measuring: one event
 * loop, no locks, no per-message logging.
 */
package org.cmppgw.simulator.fakejsms;
