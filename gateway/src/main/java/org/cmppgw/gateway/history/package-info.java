/**
 * What keeps the store from growing and messages from waiting forever (docs/operations.md "History and expiry"): the
 * no-report expiry, the expiry of parked reports, and the history retention. Background threads, blocking JDBC in
 * bounded batches. Cold path.
 */
package org.cmppgw.gateway.history;
