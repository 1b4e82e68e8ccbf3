package org.cmppgw.cmpp.session.server;

import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.auth.Authenticator;
import org.cmppgw.cmpp.auth.CmppTimestamp;
import org.cmppgw.cmpp.pdu.CmppConnect;
import org.cmppgw.cmpp.pdu.CmppConnectResp;

import java.time.Duration;
import java.util.Optional;

/**
 * Judges a CONNECT on the server side (docs/cmpp-protocol.md §5, §11.1, §15 #10), without a channel so every Status
 * case is testable: version byte, account, source address, Timestamp freshness (replay guard), AuthenticatorSource,
 * then the version both sides will speak. The per-account connection limit (Status 5) needs server-wide state and is
 * checked by {@link ServerConnectHandler}.
 */
final class ServerLoginPolicy {
    private final CmppServerConfig config;
    private final CmppAccountRegistry accounts;

    ServerLoginPolicy(CmppServerConfig config, CmppAccountRegistry accounts) {
        this.config = config;
        this.accounts = accounts;
    }

    CmppServerConfig config() {
        return config;
    }

    Decision check(CmppConnect connect, String remoteAddress) {
        CmppVersion highest = config.highestVersion();
        int requested = connect.version();
        if (requested > CmppVersion.V30.wireValue()) {
            return Decision.refuse(CmppConnectResp.STATUS_VERSION_TOO_HIGH, highest, highest,
                "version 0x" + Integer.toHexString(requested) + " too high");
        }
        if (!CmppVersion.isSupported(requested)) {
            return Decision.refuse(CmppConnectResp.STATUS_STRUCTURE_ERROR, highest, highest,
                "version 0x" + Integer.toHexString(requested) + " unknown");
        }
        CmppVersion asked = CmppVersion.fromWire(requested);
        Optional<CmppAccount> found = accounts.find(connect.sourceAddr());
        if (found.isEmpty()) {
            return Decision.refuse(CmppConnectResp.STATUS_ILLEGAL_SOURCE, asked, highest, "unknown account");
        }
        CmppAccount account = found.get();
        if (!account.allows(remoteAddress)) {
            return Decision.refuse(CmppConnectResp.STATUS_ILLEGAL_SOURCE, asked, highest,
                "address " + remoteAddress + " not allowed");
        }
        Duration skew = CmppTimestamp.skew(connect.timestamp(), config.clock(), config.zone());
        if (skew.compareTo(config.timestampSkew()) > 0) {
            return Decision.refuse(CmppConnectResp.STATUS_AUTH_FAILED, asked, highest,
                "Timestamp " + connect.timestamp() + " is " + skew.toSeconds() + " s off (expected: within "
                    + config.timestampSkew().toSeconds() + " s)");
        }
        Authenticator expected = Authenticator.source(connect.sourceAddr(), account.secret(), connect.timestamp());
        if (!expected.matches(connect.authenticatorSource())) {
            return Decision.refuse(CmppConnectResp.STATUS_AUTH_FAILED, asked, highest, "wrong AuthenticatorSource");
        }
        return negotiate(asked, account);
    }

    private Decision negotiate(CmppVersion asked, CmppAccount account) {
        if (account.pinnedVersion().isPresent()) {
            CmppVersion pinned = account.pinnedVersion().get();
            if (asked == pinned || !config.strictVersion()) {
                return Decision.accept(pinned, account);
            }
            long status = asked.wireValue() > pinned.wireValue()
                ? CmppConnectResp.STATUS_VERSION_TOO_HIGH : CmppConnectResp.STATUS_STRUCTURE_ERROR;
            return Decision.refuse(status, pinned, pinned, "account speaks " + pinned.label() + " only");
        }
        CmppVersion highest = config.highestVersion();
        if (asked.wireValue() <= highest.wireValue()) {
            return Decision.accept(asked, account);
        }
        if (config.strictVersion()) {
            return Decision.refuse(CmppConnectResp.STATUS_VERSION_TOO_HIGH, highest, highest,
                "this server speaks " + highest.label() + " at most");
        }
        return Decision.accept(highest, account);
    }

    /**
     * The verdict on a CONNECT.
     *
     * @param status           the CONNECT_RESP Status (§11.1)
     * @param layout           the version whose CONNECT_RESP layout (and, on success, codec) to use
     * @param announcedVersion the CONNECT_RESP Version byte
     * @param account          the account on success, else {@code null}
     * @param reason           why it was refused, for the log
     */
    record Decision(long status, CmppVersion layout, int announcedVersion, CmppAccount account, String reason) {
        static Decision refuse(long status, CmppVersion layout, CmppVersion announced, String reason) {
            return new Decision(status, layout, announced.wireValue(), null, reason);
        }

        static Decision accept(CmppVersion version, CmppAccount account) {
            return new Decision(CmppConnectResp.STATUS_OK, version, version.wireValue(), account, "ok");
        }

        boolean ok() {
            return status == CmppConnectResp.STATUS_OK;
        }
    }
}
