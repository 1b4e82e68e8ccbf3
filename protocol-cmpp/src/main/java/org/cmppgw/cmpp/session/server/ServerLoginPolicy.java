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
 * case is testable: version byte, account, source address, Timestamp freshness (replay guard, §5.2: enforced, only
 * warned about, or off), AuthenticatorSource, then the version both sides will speak. The per-account connection
 * limit (Status 5) needs server-wide state and is checked by {@link ServerConnectHandler}.
 */
final class ServerLoginPolicy {
    /** One warning a minute at most: a client reconnecting in a loop sends the same stale Timestamp every time. */
    private static final long WARNING_INTERVAL_MILLIS = 60_000;

    private final CmppServerConfig config;
    private final CmppAccountRegistry accounts;
    private final WarningThrottle warnings;

    ServerLoginPolicy(CmppServerConfig config, CmppAccountRegistry accounts) {
        this.config = config;
        this.accounts = accounts;
        this.warnings = new WarningThrottle(WARNING_INTERVAL_MILLIS, config.clock());
    }

    /** The throttle of {@link Decision#warning()} lines, shared by every connection of the server. */
    WarningThrottle warnings() {
        return warnings;
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
        String staleTimestamp = "";
        if (config.timestampCheck() != TimestampCheck.OFF && CmppTimestamp.skew(connect.timestamp(), config.clock(),
            config.zone()).compareTo(config.timestampSkew()) > 0) {
            staleTimestamp = describeTimestamp(connect);
            if (config.timestampCheck() == TimestampCheck.ENFORCE) {
                return Decision.refuse(CmppConnectResp.STATUS_AUTH_FAILED, asked, highest, staleTimestamp);
            }
        }
        Authenticator expected = Authenticator.source(connect.sourceAddr(), account.secret(), connect.timestamp());
        if (!expected.matches(connect.authenticatorSource())) {
            return Decision.refuse(CmppConnectResp.STATUS_AUTH_FAILED, asked, highest, "wrong AuthenticatorSource");
        }
        Decision decision = negotiate(asked, account);
        return decision.ok() ? decision.withWarning(staleTimestamp) : decision;
    }

    /**
     * Everything the Timestamp was compared with, for the one log line of a refusal or a warning: the value as
     * received, the zone it was read in, the ISMG's clock in that zone, the difference and the tolerance.
     */
    private String describeTimestamp(CmppConnect connect) {
        long received = connect.timestamp();
        String head = "account " + connect.sourceAddr() + " - Timestamp " + CmppTimestamp.digits(received);
        String clock = "the ISMG's clock reads " + CmppTimestamp.digits(CmppTimestamp.now(config.clock(),
            config.zone())) + " there";
        String tolerance = "(expected: within " + config.timestampSkew().toSeconds() + " s, timestampCheck="
            + config.timestampCheck().label() + ")";
        Optional<Duration> offset = CmppTimestamp.offset(received, config.clock(), config.zone());
        if (offset.isEmpty()) {
            return head + " is not a date MMDDHHMMSS in " + config.zone() + "; " + clock + " " + tolerance;
        }
        long seconds = offset.get().toSeconds();
        return head + " read in " + config.zone() + " is " + Math.abs(seconds) + " s "
            + (seconds < 0 ? "behind" : "ahead of") + " the ISMG's clock; " + clock + " " + tolerance;
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
     * @param warning          on success, what was let through although it is wrong (a Timestamp outside the
     *                         tolerance with {@link TimestampCheck#WARN}), for a throttled log line; else empty
     */
    record Decision(long status, CmppVersion layout, int announcedVersion, CmppAccount account, String reason,
                    String warning) {
        Decision(long status, CmppVersion layout, int announcedVersion, CmppAccount account, String reason) {
            this(status, layout, announcedVersion, account, reason, "");
        }

        static Decision refuse(long status, CmppVersion layout, CmppVersion announced, String reason) {
            return new Decision(status, layout, announced.wireValue(), null, reason);
        }

        static Decision accept(CmppVersion version, CmppAccount account) {
            return new Decision(CmppConnectResp.STATUS_OK, version, version.wireValue(), account, "ok");
        }

        Decision withWarning(String newWarning) {
            return new Decision(status, layout, announcedVersion, account, reason, newWarning);
        }

        boolean ok() {
            return status == CmppConnectResp.STATUS_OK;
        }
    }
}
