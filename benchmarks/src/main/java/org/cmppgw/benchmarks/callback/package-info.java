/**
 * JMH benchmark of the callback form: the signed, URL-encoded body the gateway POSTs for every delivery report.
 * Measures the hot path; not part of the product.
 */
package org.cmppgw.benchmarks.callback;
