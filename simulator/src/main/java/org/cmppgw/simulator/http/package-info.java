/**
 * Small Netty HTTP/1.1 building blocks shared by the simulator's servers (metrics, callback receiver, fake JSMS
 * endpoint): binding an aggregated-request server and writing keep-alive replies. Used on event loops; nothing
 * here blocks.
 */
package org.cmppgw.simulator.http;
