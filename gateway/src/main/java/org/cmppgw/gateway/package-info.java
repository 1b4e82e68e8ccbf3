/** The gateway's entry point. Cold path. */
package org.cmppgw.gateway;
