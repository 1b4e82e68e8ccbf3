package org.cmppgw.simulator.fakejsms;

import java.net.URI;

/**
 * One SMS_REPORT callback the fake endpoint owes.
 *
 * @param msgId        the msg_id it reports on
 * @param mobile       the recipient
 * @param url          where to POST it
 * @param dueNanos     when it becomes due (accept time + the configured delay)
 * @param badSignature sign it with a wrong secret (fault knob)
 * @param attempt      0 for the first try
 */
record Delivery(String msgId, String mobile, URI url, long dueNanos, boolean badSignature, int attempt) {
    Delivery retry() {
        return new Delivery(msgId, mobile, url, dueNanos, badSignature, attempt + 1);
    }
}
