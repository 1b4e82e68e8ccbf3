package org.cmppgw.cmpp.session.client;

import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.auth.CmppTimestamp;
import org.cmppgw.cmpp.pdu.CmppConnect;
import org.cmppgw.cmpp.session.CmppSessionConfig;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

import static org.cmppgw.cmpp.ArgumentChecks.positive;
import static org.cmppgw.cmpp.ArgumentChecks.range;

/**
 * One SP-side connection to an ISMG (docs/cmpp-protocol.md §5, §12). {@link #toString()} masks the secret.
 *
 * @param host           ISMG host
 * @param port           ISMG port (7890 by convention, §1.2)
 * @param sourceAddr     Source_Addr: the SP_Id, 1 to 6 characters
 * @param secret         the shared secret
 * @param version        the version asked for in CONNECT
 * @param allowDowngrade 3.0 only: accept a 2.0 answer (CONNECT_RESP Version 0x20 with Status 0 switches the codec to
 *                       2.0; Status 4 reconnects once asking for 0x20) instead of failing the login (§5.1)
 * @param strictIsmgAuth fail the login when AuthenticatorISMG does not prove the ISMG knows the secret; otherwise log
 *                       a warning and continue, as many ISMGs compute it wrongly (§5.4, §16)
 * @param connectTimeout TCP connect timeout
 * @param sessionConfig  timers and limits of the session
 * @param clock          the wall clock the CONNECT Timestamp is read from
 * @param zone           the zone the CONNECT Timestamp is written in (default Beijing time, §5.2); it must be the one
 *                       the ISMG reads it in, or a checking ISMG refuses the login with Status 3
 * @param randomSequenceStart start each connection's Sequence_Ids at a random point instead of 1 (the default), so a
 *                       response a carrier sends on the wrong connection cannot match a request waiting there under
 *                       the same id (§3, §12.2)
 */
public record CmppClientConfig(String host, int port, String sourceAddr, String secret, CmppVersion version,
                               boolean allowDowngrade, boolean strictIsmgAuth, Duration connectTimeout,
                               CmppSessionConfig sessionConfig, Clock clock, ZoneId zone,
                               boolean randomSequenceStart) {

    public CmppClientConfig {
        Objects.requireNonNull(host, "host");
        range("port", port, 1, 0xFFFF);
        Objects.requireNonNull(sourceAddr, "sourceAddr");
        if (sourceAddr.isEmpty() || sourceAddr.length() > CmppConnect.SOURCE_ADDR_LENGTH) {
            throw new IllegalArgumentException("sourceAddr: \"" + sourceAddr + "\" (expected: 1..6 characters)");
        }
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(version, "version");
        positive("connectTimeout", connectTimeout);
        Objects.requireNonNull(sessionConfig, "sessionConfig");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(zone, "zone");
    }

    /** The same connection asking for another version (the downgrade reconnect). */
    public CmppClientConfig withVersion(CmppVersion newVersion) {
        return toBuilder().version(newVersion).build();
    }

    /**
     * A builder with the defaults: 3.0, no downgrade, lenient AuthenticatorISMG check, 3 s connect timeout, default
     * session timers, system clock, Beijing time.
     */
    public static Builder builder(String host, int port, String sourceAddr, String secret) {
        return new Builder(host, port, sourceAddr, secret);
    }

    public Builder toBuilder() {
        return new Builder(host, port, sourceAddr, secret).version(version).allowDowngrade(allowDowngrade)
            .strictIsmgAuth(strictIsmgAuth).connectTimeout(connectTimeout).sessionConfig(sessionConfig).clock(clock)
            .zone(zone).randomSequenceStart(randomSequenceStart);
    }

    @Override
    public String toString() {
        return "CmppClientConfig[host=" + host + ", port=" + port + ", sourceAddr=" + sourceAddr + ", secret=****"
            + ", version=" + version.label() + ", allowDowngrade=" + allowDowngrade + ", strictIsmgAuth="
            + strictIsmgAuth + ", connectTimeout=" + connectTimeout + ", sessionConfig=" + sessionConfig + ", zone="
            + zone + "]";
    }

    /** Assembles a {@link CmppClientConfig}; the record validates on {@link #build()}. */
    public static final class Builder {
        private final String host;
        private final int port;
        private final String sourceAddr;
        private final String secret;
        private CmppVersion version = CmppVersion.V30;
        private boolean allowDowngrade;
        private boolean strictIsmgAuth;
        private Duration connectTimeout = Duration.ofSeconds(3);
        private CmppSessionConfig sessionConfig = CmppSessionConfig.defaults();
        private Clock clock = Clock.systemUTC();
        private ZoneId zone = CmppTimestamp.BEIJING;
        private boolean randomSequenceStart = true;

        private Builder(String host, int port, String sourceAddr, String secret) {
            this.host = host;
            this.port = port;
            this.sourceAddr = sourceAddr;
            this.secret = secret;
        }

        public Builder version(CmppVersion value) {
            version = value;
            return this;
        }

        public Builder allowDowngrade(boolean value) {
            allowDowngrade = value;
            return this;
        }

        public Builder strictIsmgAuth(boolean value) {
            strictIsmgAuth = value;
            return this;
        }

        public Builder connectTimeout(Duration value) {
            connectTimeout = value;
            return this;
        }

        public Builder sessionConfig(CmppSessionConfig value) {
            sessionConfig = value;
            return this;
        }

        public Builder clock(Clock value) {
            clock = value;
            return this;
        }

        public Builder randomSequenceStart(boolean value) {
            randomSequenceStart = value;
            return this;
        }

        public Builder zone(ZoneId value) {
            zone = value;
            return this;
        }

        public CmppClientConfig build() {
            return new CmppClientConfig(host, port, sourceAddr, secret, version, allowDowngrade, strictIsmgAuth,
                connectTimeout, sessionConfig, clock, zone, randomSequenceStart);
        }
    }
}
