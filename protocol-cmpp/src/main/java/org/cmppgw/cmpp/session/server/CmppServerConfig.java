package org.cmppgw.cmpp.session.server;

import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.auth.CmppTimestamp;
import org.cmppgw.cmpp.session.CmppSessionConfig;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

import static org.cmppgw.cmpp.ArgumentChecks.atLeast;
import static org.cmppgw.cmpp.ArgumentChecks.nonNegative;
import static org.cmppgw.cmpp.ArgumentChecks.range;

/**
 * How a {@link CmppServer} (the ISMG side: simulator, test carriers) listens and judges logins
 * (docs/cmpp-protocol.md §5.1, §5.5, §15 #10).
 *
 * @param host            address to bind, e.g. "0.0.0.0" or "127.0.0.1"
 * @param port            port to bind; 0 picks a free one (tests)
 * @param sessionConfig   timers and limits of every accepted connection
 * @param clock           the wall clock CONNECT Timestamps are checked against
 * @param zone            the zone CONNECT Timestamps are read in (default Beijing time, §5.2)
 * @param timestampSkew   how far a CONNECT Timestamp may be from {@code clock}; a replayed login is older (default
 *                        ±15 min)
 * @param timestampCheck  what a Timestamp outside {@code timestampSkew} gets: Status 3 (default), a warning, or no
 *                        check at all
 * @param highestVersion  the highest version this server speaks (announced in CONNECT_RESP)
 * @param strictVersion   when a client asks for more than {@code highestVersion} (or another version than its account
 *                        is pinned to): {@code true} refuses with Status 4 (higher) or 1 (lower); {@code false}
 *                        accepts and answers in the server's version, as many ISMGs do
 * @param ioThreads       event-loop threads for connections; 0 for Netty's default (2 x cores)
 */
public record CmppServerConfig(String host, int port, CmppSessionConfig sessionConfig, Clock clock, ZoneId zone,
                               Duration timestampSkew, TimestampCheck timestampCheck, CmppVersion highestVersion,
                               boolean strictVersion, int ioThreads) {

    public CmppServerConfig {
        Objects.requireNonNull(host, "host");
        range("port", port, 0, 0xFFFF);
        Objects.requireNonNull(sessionConfig, "sessionConfig");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(zone, "zone");
        nonNegative("timestampSkew", timestampSkew);
        Objects.requireNonNull(timestampCheck, "timestampCheck");
        Objects.requireNonNull(highestVersion, "highestVersion");
        atLeast("ioThreads", ioThreads, 0);
    }

    /**
     * Bind 0.0.0.0:{@code port} with every default: 3.0, lenient version handling, Timestamps read in Beijing time and
     * refused beyond ±15 min.
     */
    public static CmppServerConfig of(int port) {
        return builder().port(port).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().host(host).port(port).sessionConfig(sessionConfig).clock(clock).zone(zone)
            .timestampSkew(timestampSkew).timestampCheck(timestampCheck).highestVersion(highestVersion)
            .strictVersion(strictVersion).ioThreads(ioThreads);
    }

    /** Assembles a {@link CmppServerConfig}; the record validates on {@link #build()}. */
    public static final class Builder {
        private String host = "0.0.0.0";
        private int port = 7890;
        private CmppSessionConfig sessionConfig = CmppSessionConfig.defaults();
        private Clock clock = Clock.systemUTC();
        private ZoneId zone = CmppTimestamp.BEIJING;
        private Duration timestampSkew = Duration.ofMinutes(15);
        private TimestampCheck timestampCheck = TimestampCheck.ENFORCE;
        private CmppVersion highestVersion = CmppVersion.V30;
        private boolean strictVersion;
        private int ioThreads;

        private Builder() {
        }

        public Builder host(String value) {
            host = value;
            return this;
        }

        public Builder port(int value) {
            port = value;
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

        public Builder zone(ZoneId value) {
            zone = value;
            return this;
        }

        public Builder timestampSkew(Duration value) {
            timestampSkew = value;
            return this;
        }

        public Builder timestampCheck(TimestampCheck value) {
            timestampCheck = value;
            return this;
        }

        public Builder highestVersion(CmppVersion value) {
            highestVersion = value;
            return this;
        }

        public Builder strictVersion(boolean value) {
            strictVersion = value;
            return this;
        }

        public Builder ioThreads(int value) {
            ioThreads = value;
            return this;
        }

        public CmppServerConfig build() {
            return new CmppServerConfig(host, port, sessionConfig, clock, zone, timestampSkew, timestampCheck,
                highestVersion, strictVersion, ioThreads);
        }
    }
}
