/**
 * Delivery statistics for the console (docs/operations.md "Statistics"): an hourly rollup of the message store kept
 * by a background job, and the reads the console's statistics page makes of it. Cold path: nothing here runs per
 * message on the sending path.
 */
package org.cmppgw.gateway.stats;
