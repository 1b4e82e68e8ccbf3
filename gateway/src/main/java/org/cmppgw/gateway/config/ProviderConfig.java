package org.cmppgw.gateway.config;

import org.cmppgw.cmpp.CmppVersion;

import java.time.Duration;

/**
 * One entry of {@code providers}: a CMPP account at a carrier's ISMG (docs/design.md §5, docs/cmpp-protocol.md §12 for
 * the timers).
 *
 * @param name              unique name, used in routing rules, logs and metric labels
 * @param code              short channel code (free text, reports only)
 * @param supplier          who runs the ISMG (free text, reports only)
 * @param host              ISMG host
 * @param port              ISMG port
 * @param account           Source_Addr / SP_Id used to log in, at most 6 characters (§6.1)
 * @param password          the shared secret of the login authenticator (masked in {@code toString})
 * @param accessNumber      the SP access number, prefix of every Src_Id (digits, at most 21)
 * @param connections       long connections kept open (carriers cap concurrent logins per account)
 * @param submit            the SUBMIT fields the carrier checks (Service_Id, fees, Msg_src, ...), validated against
 *                          {@code version}; routes and templates may override them
 * @param version           CMPP 2.0 or 3.0
 * @param window            unacknowledged SUBMITs per connection, 1..64 (§12.1 W)
 * @param tps               messages per second for the whole account, spread over its connections
 * @param heartbeatInterval idle time before an ACTIVE_TEST is sent (§12.2: 30 s)
 * @param heartbeatMaxMissed unanswered ACTIVE_TESTs before the connection is closed
 * @param responseTimeout   wait for a response before resending (§12.1 T)
 * @param retries           resends after the first send of a timed-out SUBMIT (§12.1 N = retries + 1)
 * @param connectTimeout    TCP connect plus login
 * @param reconnect         back-off between reconnect attempts
 * @param circuitBreaker    when to stop sending to this provider
 * @param flowControl       pause and resend on SUBMIT_RESP Result 8
 * @param outcomes          how SUBMIT_RESP outcomes are batched to the store
 * @param drainTimeout      bound on the provider's shutdown: submits in flight, TERMINATE, last outcomes
 */
public record ProviderConfig(String name, String code, String supplier, String host, int port, String account,
                             Secret password, String accessNumber, int connections, SubmitDefaults submit,
                             CmppVersion version, int window, int tps, Duration heartbeatInterval,
                             int heartbeatMaxMissed, Duration responseTimeout, int retries, Duration connectTimeout,
                             ReconnectConfig reconnect, CircuitBreakerConfig circuitBreaker,
                             FlowControlConfig flowControl, OutcomeBatchConfig outcomes, Duration drainTimeout) {
    public static final int MAX_WINDOW = 64;
    /** Source_Addr width, docs/cmpp-protocol.md §6.1. */
    public static final int ACCOUNT_LENGTH = 6;
    /** Src_Id width, §7.1. */
    public static final int ACCESS_NUMBER_LENGTH = 21;

    public ProviderConfig {
        ConfigChecks.text("name", name);
        if (!name.matches("[A-Za-z0-9._-]{1,32}")) {
            throw new IllegalArgumentException(
                "name: \"" + name + "\" (expected: 1–32 letters, digits, '.', '_' or '-')");
        }
        code = ConfigChecks.optionalText(code);
        supplier = ConfigChecks.optionalText(supplier);
        ConfigChecks.text("host", host);
        ConfigChecks.range("port", port, 1, 65_535);
        ConfigChecks.maxLength("account", ConfigChecks.text("account", account), ACCOUNT_LENGTH);
        ConfigChecks.present("password", password, "the account's shared secret");
        ConfigChecks.text("accessNumber", accessNumber);
        if (!accessNumber.chars().allMatch(c -> c >= '0' && c <= '9') || accessNumber.length() > ACCESS_NUMBER_LENGTH) {
            throw new IllegalArgumentException("accessNumber: \"" + accessNumber + "\" (expected: 1–"
                + ACCESS_NUMBER_LENGTH + " digits)");
        }
        ConfigChecks.range("connections", connections, 1, 128);
        ConfigChecks.present("version", version, "2.0 or 3.0");
        submit = submit == null ? SubmitDefaults.NONE : submit;
        submit.fitVersion(version);
        ConfigChecks.range("window", window, 1, MAX_WINDOW);
        ConfigChecks.range("tps", tps, 1, 1_000_000);
        ConfigChecks.positive("heartbeatInterval", heartbeatInterval);
        ConfigChecks.range("heartbeatMaxMissed", heartbeatMaxMissed, 1, 100);
        ConfigChecks.positive("responseTimeout", responseTimeout);
        ConfigChecks.range("retries", retries, 0, 10);
        ConfigChecks.positive("connectTimeout", connectTimeout);
        ConfigChecks.present("reconnect", reconnect, "initialDelay and maxDelay");
        ConfigChecks.present("circuitBreaker", circuitBreaker, "circuit-breaker settings");
        ConfigChecks.present("flowControl", flowControl, "maxTries, pauseMin and pauseMax");
        ConfigChecks.present("outcomes", outcomes, "flushDelay and batchMax");
        ConfigChecks.positive("drainTimeout", drainTimeout);
    }

    /**
     * A provider whose SUBMITs set only Service_Id ({@code serviceId}), the other fields at
     * {@link SubmitDefaults#NONE}: the shape before {@code providers[].submit} existed.
     */
    public ProviderConfig(String name, String code, String supplier, String host, int port, String account,
                          Secret password, String accessNumber, int connections, String serviceId,
                          CmppVersion version, int window, int tps, Duration heartbeatInterval,
                          int heartbeatMaxMissed, Duration responseTimeout, int retries, Duration connectTimeout,
                          ReconnectConfig reconnect, CircuitBreakerConfig circuitBreaker,
                          FlowControlConfig flowControl, OutcomeBatchConfig outcomes, Duration drainTimeout) {
        this(name, code, supplier, host, port, account, password, accessNumber, connections,
            SubmitDefaults.ofServiceId(ConfigChecks.optionalText(serviceId)), version, window, tps, heartbeatInterval,
            heartbeatMaxMissed, responseTimeout, retries, connectTimeout, reconnect, circuitBreaker, flowControl,
            outcomes, drainTimeout);
    }

    /** Service_Id of this provider's SUBMITs when no route or template overrides it. */
    public String serviceId() {
        return submit.serviceId();
    }

    /**
     * Total sends of a SUBMIT that gets no response: the first plus {@link #retries()} (docs/cmpp-protocol.md §12.1 N).
     */
    public int maxSends() {
        return retries + 1;
    }
}
