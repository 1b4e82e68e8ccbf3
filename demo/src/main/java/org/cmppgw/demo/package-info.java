/**
 * The demo: the simulator's fake carrier started inside the gateway ({@code simulator.embedded: true}). Only this
 * module depends on both the gateway and the simulator; the gateway finds it through
 * {@link org.cmppgw.gateway.app.EmbeddedCarrier}. Cold path.
 */
package org.cmppgw.demo;
