/**
 * Assembly: builds the gateway's components from its configuration in dependency order and closes them in reverse.
 * Cold path.
 */
package org.cmppgw.gateway.app;
