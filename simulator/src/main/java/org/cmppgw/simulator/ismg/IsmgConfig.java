package org.cmppgw.simulator.ismg;

import org.cmppgw.cmpp.pdu.CmppDeliver;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code ismg:} section of simulator.yaml: where the fake carrier listens, its accounts, and how it reports,
 * misbehaves and sends MO (docs/design.md §6). Every key is optional; {@link #defaults()} is the contract of the
 * shipped file: the demo account {@code 901234}/{@code secret} with 8 connections, no TPS limit, DELIVRD reports after
 * 500 ms, port 7890.
 *
 * @param host              listen address, default 127.0.0.1
 * @param port              CMPP listen port, default 7890 (0 = any free port, for tests)
 * @param metricsPort       Prometheus {@code /metrics} port, default 9464; 0 = no metrics endpoint
 * @param maxPendingReports reports held for later delivery before new ones are dropped (and counted), default
 *                          1,000,000
 * @param accounts          the SP accounts, default one demo account
 * @param reports           report delay and Stat mix
 * @param faults            faults on demand
 * @param mo                MO traffic
 * @param login             how the CONNECT Timestamp is judged: zone, tolerance, enforce/warn/off
 */
public record IsmgConfig(String host, Integer port, Integer metricsPort, Integer maxPendingReports,
                         List<IsmgAccountConfig> accounts, ReportConfig reports, FaultConfig faults, MoConfig mo,
                         LoginConfig login) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 7890;
    public static final int DEFAULT_METRICS_PORT = 9464;
    public static final int DEFAULT_MAX_PENDING_REPORTS = 1_000_000;
    private static final int MAX_PORT = 65535;

    public IsmgConfig {
        host = ConfigChecks.orDefault(host, DEFAULT_HOST);
        if (host.isBlank()) {
            throw ConfigChecks.invalid("ismg.host", "\"" + host + "\"", "a host name or address");
        }
        port = ConfigChecks.range("ismg.port", port, DEFAULT_PORT, 0, MAX_PORT);
        metricsPort = ConfigChecks.range("ismg.metricsPort", metricsPort, DEFAULT_METRICS_PORT, 0, MAX_PORT);
        maxPendingReports = ConfigChecks.range("ismg.maxPendingReports", maxPendingReports,
            DEFAULT_MAX_PENDING_REPORTS, 1, 100_000_000);
        accounts = accounts(accounts);
        reports = ConfigChecks.orDefault(reports, ReportConfig.defaults());
        faults = ConfigChecks.orDefault(faults, FaultConfig.defaults());
        mo = ConfigChecks.orDefault(mo, MoConfig.defaults());
        checkMo(mo, accounts);
        login = ConfigChecks.orDefault(login, LoginConfig.defaults());
    }

    /**
     * The configuration with the default {@code login:} section (Beijing time, ±15 min, enforced), for the many
     * callers that do not care about it.
     */
    public IsmgConfig(String host, Integer port, Integer metricsPort, Integer maxPendingReports,
                      List<IsmgAccountConfig> accounts, ReportConfig reports, FaultConfig faults, MoConfig mo) {
        this(host, port, metricsPort, maxPendingReports, accounts, reports, faults, mo, null);
    }

    /** The configuration of the shipped simulator.yaml. */
    public static IsmgConfig defaults() {
        return new IsmgConfig(null, null, null, null, null, null, null, null, null);
    }

    /** A copy listening on {@code newPort} ({@code ismg --port N}). */
    public IsmgConfig withPort(int newPort) {
        return new IsmgConfig(host, newPort, metricsPort, maxPendingReports, accounts, reports, faults, mo, login);
    }

    /** A copy serving {@code /metrics} on {@code newPort} ({@code ismg --metrics-port N}; 0 = none). */
    public IsmgConfig withMetricsPort(int newPort) {
        return new IsmgConfig(host, port, newPort, maxPendingReports, accounts, reports, faults, mo, login);
    }

    /** A copy with other faults (tests, and the load generator's fault scenarios). */
    public IsmgConfig withFaults(FaultConfig newFaults) {
        return new IsmgConfig(host, port, metricsPort, maxPendingReports, accounts, reports, newFaults, mo, login);
    }

    /** A copy judging CONNECT Timestamps by {@code newLogin} ({@code ismg --timestamp-zone UTC}, tests). */
    public IsmgConfig withLogin(LoginConfig newLogin) {
        return new IsmgConfig(host, port, metricsPort, maxPendingReports, accounts, reports, faults, mo, newLogin);
    }

    /** The account with this Source_Addr. */
    public Optional<IsmgAccountConfig> account(String sourceAddr) {
        for (IsmgAccountConfig account : accounts) {
            if (account.sourceAddr().equals(sourceAddr)) {
                return Optional.of(account);
            }
        }
        return Optional.empty();
    }

    /** The account whose connections receive MO: {@code mo.account}, or the first account. */
    public IsmgAccountConfig moAccount() {
        return mo.account() == null ? accounts.get(0) : account(mo.account()).orElseThrow();
    }

    private static List<IsmgAccountConfig> accounts(List<IsmgAccountConfig> accounts) {
        if (accounts == null) {
            return List.of(IsmgAccountConfig.demo());
        }
        if (accounts.isEmpty()) {
            throw ConfigChecks.invalid("ismg.accounts", "[]", "at least one account");
        }
        Set<String> names = new HashSet<>();
        // Two accounts may share their gateway code list (they then share one Msg_Id generator) or use disjoint
        // codes; a partial overlap would let their generators hand out the same id.
        Map<Integer, List<Integer>> listByCode = new HashMap<>();
        for (IsmgAccountConfig account : accounts) {
            if (account == null) {
                throw ConfigChecks.invalid("ismg.accounts[]", null, "an account");
            }
            if (!names.add(account.sourceAddr())) {
                throw ConfigChecks.invalid("ismg.accounts[].sourceAddr", account.sourceAddr(), "unique Source_Addr");
            }
            for (Integer code : account.gatewayCodes()) {
                List<Integer> other = listByCode.putIfAbsent(code, account.gatewayCodes());
                if (other != null && !other.equals(account.gatewayCodes())) {
                    throw ConfigChecks.invalid("ismg.accounts[" + account.sourceAddr() + "].gatewayCodes",
                        account.gatewayCodes(), "the same list as another account using " + code + ", or "
                            + "disjoint codes (ids must stay unique)");
                }
            }
        }
        return List.copyOf(accounts);
    }

    private static void checkMo(MoConfig mo, List<IsmgAccountConfig> accounts) {
        IsmgAccountConfig target = accounts.get(0);
        if (mo.account() != null) {
            target = accounts.stream().filter(a -> a.sourceAddr().equals(mo.account())).findFirst()
                .orElseThrow(() -> ConfigChecks.invalid("ismg.mo.account", mo.account(), "a configured sourceAddr"));
        }
        for (String extension : mo.extensions()) {
            if (target.serviceCode().length() + extension.length() > CmppDeliver.DEST_ID_LENGTH) {
                throw ConfigChecks.invalid("ismg.mo.extensions[]", extension,
                    "serviceCode + extension of at most 21 digits (serviceCode=" + target.serviceCode() + ")");
            }
        }
    }
}
