package org.cmppgw.gateway.provider.cmpp;

/**
 * MSISDNs from the carrier (cmpp-spec.md §10.3 [R]): an "86" or "+86" prefix before an 11-digit mobile number is
 * dropped for storage and matching; anything else is kept as received.
 */
final class MobileNumbers {
    private static final int NATIONAL_LENGTH = 11;

    private MobileNumbers() {
    }

    static String normalise(String msisdn) {
        int prefix = msisdn.length() - NATIONAL_LENGTH;
        if (prefix == 2 && msisdn.startsWith("86") || prefix == 3 && msisdn.startsWith("+86")) {
            return msisdn.substring(prefix);
        }
        return msisdn;
    }
}
