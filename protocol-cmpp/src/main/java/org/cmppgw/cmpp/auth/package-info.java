/**
 * CONNECT authentication (docs/cmpp-protocol.md §5): authenticators and the MMDDHHMMSS timestamp. Cold path: once per
 * login.
 */
package org.cmppgw.cmpp.auth;
