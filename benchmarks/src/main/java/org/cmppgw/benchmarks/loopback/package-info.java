/**
 * The loopback session benchmark: {@link org.cmppgw.benchmarks.loopback.LoopbackServer} (an ISMG answering every
 * SUBMIT with SUBMIT_RESP and a DELIVER status report) and {@link org.cmppgw.benchmarks.loopback.LoopbackClient}
 * (N connections pushing SUBMITs flat out), run in separate JVMs. A message is done when its report arrived:
 * SUBMIT + SUBMIT_RESP + DELIVER + DELIVER_RESP. Hot path: the listeners allocate nothing but the PDUs themselves.
 */
package org.cmppgw.benchmarks.loopback;
