package org.cmppgw.simulator.ismg;

import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.pdu.CmppDeliver;
import org.cmppgw.cmpp.pdu.MsgId;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One SP account of the simulated ISMG ({@code ismg.accounts[]} in simulator.yaml). Absent keys take the defaults
 * below, so a YAML entry needs only {@code sourceAddr} and {@code secret}.
 *
 * @param sourceAddr     the CONNECT Source_Addr (SP_Id), 1..6 characters (docs/cmpp-protocol.md §6.1)
 * @param secret         the shared secret of the authenticators (§5.3); masked in {@link #toString()}
 * @param maxConnections concurrent logins allowed for the account (CONNECT_RESP Status 5 beyond), default 8
 * @param tps            SUBMITs per second over all connections of the account, 0 = unlimited (default); beyond
 *                       it SUBMIT_RESP answers Result 8 (§11.2, §12.2)
 * @param gatewayCodes   ISMG codes the account's Msg_Ids carry (§8.1), default {@code [79101]}; each code allows
 *                       65,536 ids a second, so list several for faster traffic
 * @param version        "2.0" or "3.0" to refuse the other layout; null (default) accepts what CONNECT asks for
 * @param serviceCode    the access number (SP service code): MO messages go to it plus an extension (§10.3)
 * @param checkSrcId     when true, a SUBMIT whose Src_Id does not start with {@code serviceCode} gets Result 10
 *                       (3.0) / 9 (2.0); default false
 */
public record IsmgAccountConfig(String sourceAddr, String secret, Integer maxConnections, Integer tps,
                                List<Integer> gatewayCodes, String version, String serviceCode, Boolean checkSrcId) {
    public static final String DEMO_SOURCE_ADDR = "901234";
    public static final String DEMO_SECRET = "secret";
    public static final int DEFAULT_MAX_CONNECTIONS = 8;
    public static final int MAX_CONNECTIONS_LIMIT = 1024;
    public static final int DEFAULT_GATEWAY_CODE = 79101;
    public static final String DEFAULT_SERVICE_CODE = "1069000001";
    /** Source_Addr is 6 octets in CMPP_CONNECT (§6.1). */
    public static final int SOURCE_ADDR_LENGTH = 6;
    /** MsgIdGenerator packs the code index with the sequence into 25 bits: at most 256 codes. */
    public static final int MAX_GATEWAY_CODES = 256;

    public IsmgAccountConfig {
        if (sourceAddr == null || sourceAddr.isEmpty() || sourceAddr.length() > SOURCE_ADDR_LENGTH) {
            throw ConfigChecks.invalid("ismg.accounts[].sourceAddr", sourceAddr, "1..6 characters");
        }
        String path = "ismg.accounts[" + sourceAddr + "].";
        if (secret == null) {
            throw ConfigChecks.invalid(path + "secret", null, "the account's shared secret");
        }
        maxConnections = ConfigChecks.range(path + "maxConnections", maxConnections, DEFAULT_MAX_CONNECTIONS,
            1, MAX_CONNECTIONS_LIMIT);
        tps = ConfigChecks.range(path + "tps", tps, 0, 0, Integer.MAX_VALUE);
        gatewayCodes = gatewayCodes(path + "gatewayCodes", gatewayCodes);
        if (version != null) {
            try {
                CmppVersion.parse(version);
            } catch (IllegalArgumentException e) {
                throw ConfigChecks.invalid(path + "version", version, "2.0, 3.0 or absent");
            }
        }
        serviceCode = ConfigChecks.digits(path + "serviceCode",
            ConfigChecks.orDefault(serviceCode, DEFAULT_SERVICE_CODE), 1, CmppDeliver.DEST_ID_LENGTH);
        checkSrcId = ConfigChecks.orDefault(checkSrcId, Boolean.FALSE);
    }

    /** The demo account of the default configuration: {@code 901234} / {@code secret}, everything else default. */
    public static IsmgAccountConfig demo() {
        return new IsmgAccountConfig(DEMO_SOURCE_ADDR, DEMO_SECRET, null, null, null, null, null, null);
    }

    /** The version this account is pinned to, if any. */
    public Optional<CmppVersion> pinnedVersion() {
        return version == null ? Optional.empty() : Optional.of(CmppVersion.parse(version));
    }

    /** True when the account has no TPS limit. */
    public boolean unlimitedTps() {
        return tps == 0;
    }

    private static List<Integer> gatewayCodes(String path, List<Integer> codes) {
        if (codes == null) {
            return List.of(DEFAULT_GATEWAY_CODE);
        }
        if (codes.isEmpty() || codes.size() > MAX_GATEWAY_CODES) {
            throw ConfigChecks.invalid(path, codes, "1.." + MAX_GATEWAY_CODES + " codes");
        }
        Set<Integer> seen = new HashSet<>();
        for (Integer code : codes) {
            if (code == null || code < 0 || code > MsgId.MAX_GATEWAY) {
                throw ConfigChecks.invalid(path, codes, "codes in 0.." + MsgId.MAX_GATEWAY);
            }
            if (!seen.add(code)) {
                throw ConfigChecks.invalid(path, codes, "no code twice");
            }
        }
        return List.copyOf(codes);
    }

    @Override
    public String toString() {
        // The secret never reaches a log line (docs/design.md §10 rule 6).
        return "IsmgAccountConfig[sourceAddr=" + sourceAddr + ", secret=******, maxConnections=" + maxConnections
            + ", tps=" + tps + ", gatewayCodes=" + gatewayCodes + ", version=" + Objects.requireNonNullElse(version,
            "any") + ", serviceCode=" + serviceCode + ", checkSrcId=" + checkSrcId + "]";
    }
}
