/**
 * JMH benchmarks of the CMPP codec alone: encode and decode of the hot-path PDUs (SUBMIT, status-report DELIVER)
 * without channels or sockets. Measures the hot path; not part of the product.
 */
package org.cmppgw.benchmarks.codec;
