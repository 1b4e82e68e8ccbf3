/**
 * {@code simulator callbacks}: a terminal watcher for the gateway's JSMS callbacks. It listens where the demo app's
 * callback URL points, checks each callback's signature and prints one JSON line per callback on stdout. Cold path:
 * an operator tool, one event loop, a line per callback by design.
 */
package org.cmppgw.simulator.callbacks;
