package org.cmppgw.cmpp.session.server;

import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.auth.Authenticator;
import org.cmppgw.cmpp.auth.CmppTimestamp;
import org.cmppgw.cmpp.pdu.CmppConnect;
import org.cmppgw.cmpp.pdu.CmppConnectResp;
import org.cmppgw.cmpp.session.TestPdus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every CONNECT_RESP Status the server can answer (§11.1), judged without a channel. */
class ServerLoginPolicyTest {
    private static final CmppAccount OPEN = CmppAccount.of("901234", "secret", 2);
    private static final CmppAccount FENCED = new CmppAccount("901235", "secret", 2, Set.of("10.0.0.7"),
        Optional.empty());
    private static final CmppAccount PINNED_20 = new CmppAccount("901236", "secret", 2, Set.of(),
        Optional.of(CmppVersion.V20));
    private static final CmppAccountRegistry ACCOUNTS = CmppAccountRegistry.of(OPEN, FENCED, PINNED_20);

    private final ServerLoginPolicy lenient = policy(CmppVersion.V30, false);

    @Test
    void correctLoginIsAcceptedInTheAskedVersion() {
        assertThat(lenient.check(connect("901234", "secret", 0x30), "127.0.0.1"))
            .isEqualTo(ServerLoginPolicy.Decision.accept(CmppVersion.V30, OPEN));
        assertThat(lenient.check(connect("901234", "secret", 0x20), "127.0.0.1").layout()).isEqualTo(CmppVersion.V20);
        assertThat(lenient.check(connect("901234", "secret", 0x21), "127.0.0.1").layout()).isEqualTo(CmppVersion.V20);
    }

    @Test
    void versionAbove30IsStatus4AndAnUnknownVersionIsStatus1() {
        assertThat(lenient.check(connect("901234", "secret", 0x31), "127.0.0.1").status()).isEqualTo(4);
        assertThat(lenient.check(connect("901234", "secret", 0x10), "127.0.0.1").status()).isEqualTo(1);
        assertThat(lenient.check(connect("901234", "secret", 0x25), "127.0.0.1").status()).isEqualTo(1);
    }

    @Test
    void unknownAccountOrAddressNotAllowedIsStatus2() {
        assertThat(lenient.check(connect("999999", "secret", 0x30), "127.0.0.1").status()).isEqualTo(2);
        assertThat(lenient.check(connect("901235", "secret", 0x30), "127.0.0.1").status()).isEqualTo(2);
        assertThat(lenient.check(connect("901235", "secret", 0x30), "10.0.0.7").status()).isZero();
    }

    @Test
    void wrongSecretOrStaleTimestampIsStatus3() {
        assertThat(lenient.check(connect("901234", "wrong", 0x30), "127.0.0.1").status()).isEqualTo(3);

        long stale = CmppTimestamp.now(java.time.Clock.offset(TestPdus.CLOCK, Duration.ofMinutes(-16)));
        CmppConnect replayed = new CmppConnect(1, "901234", Authenticator.source("901234", "secret", stale), 0x30,
            stale);
        ServerLoginPolicy.Decision decision = lenient.check(replayed, "127.0.0.1");
        assertThat(decision.status()).isEqualTo(3);
        assertThat(decision.reason()).contains("960 s behind");

        long recent = CmppTimestamp.now(java.time.Clock.offset(TestPdus.CLOCK, Duration.ofMinutes(14)));
        assertThat(lenient.check(new CmppConnect(1, "901234", Authenticator.source("901234", "secret", recent), 0x30,
            recent), "127.0.0.1").status()).as("within ±15 min").isZero();
    }

    @Test
    void twoZeroOnlyServerDowngradesLenientlyOrRefusesWithStatus4WhenStrict() {
        ServerLoginPolicy.Decision downgraded = policy(CmppVersion.V20, false)
            .check(connect("901234", "secret", 0x30), "127.0.0.1");
        assertThat(downgraded.status()).isZero();
        assertThat(downgraded.layout()).isEqualTo(CmppVersion.V20);
        assertThat(downgraded.announcedVersion()).isEqualTo(0x20);

        ServerLoginPolicy.Decision refused = policy(CmppVersion.V20, true)
            .check(connect("901234", "secret", 0x30), "127.0.0.1");
        assertThat(refused.status()).isEqualTo(4);
        assertThat(refused.announcedVersion()).isEqualTo(0x20);
    }

    @Test
    void pinnedAccountUsesItsVersionOrRefusesAMismatchWhenStrict() {
        assertThat(lenient.check(connect("901236", "secret", 0x30), "127.0.0.1").layout())
            .isEqualTo(CmppVersion.V20);
        assertThat(policy(CmppVersion.V30, true).check(connect("901236", "secret", 0x30), "127.0.0.1").status())
            .isEqualTo(4);
        assertThat(policy(CmppVersion.V30, true).check(connect("901236", "secret", 0x20), "127.0.0.1").status())
            .isZero();
    }

    @Test
    void anSpClockInUtcIsRefusedWithWhatWasComparedInTheReason() {
        long utc = CmppTimestamp.now(TestPdus.CLOCK, ZoneOffset.UTC);
        ServerLoginPolicy.Decision decision = lenient.check(connectAt("901234", "secret", utc), "127.0.0.1");

        assertThat(decision.status()).isEqualTo(CmppConnectResp.STATUS_AUTH_FAILED);
        assertThat(decision.reason()).isEqualTo("account 901234 - Timestamp " + CmppTimestamp.digits(utc)
            + " read in Asia/Shanghai is 28800 s behind the ISMG's clock; the ISMG's clock reads "
            + CmppTimestamp.digits(CmppTimestamp.now(TestPdus.CLOCK)) + " there (expected: within 900 s, "
            + "timestampCheck=enforce)");
    }

    @Test
    void warnAcceptsAStaleTimestampButSaysSoAndStillChecksTheSecret() {
        ServerLoginPolicy warn = policy(b -> b.timestampCheck(TimestampCheck.WARN));
        long utc = CmppTimestamp.now(TestPdus.CLOCK, ZoneOffset.UTC);

        ServerLoginPolicy.Decision accepted = warn.check(connectAt("901234", "secret", utc), "127.0.0.1");
        assertThat(accepted.status()).isZero();
        assertThat(accepted.account()).isEqualTo(OPEN);
        assertThat(accepted.warning()).startsWith("account 901234 - Timestamp " + CmppTimestamp.digits(utc)
            + " read in Asia/Shanghai is 28800 s behind").endsWith("timestampCheck=warn)");
        assertThat(warn.check(connect("901234", "secret", 0x30), "127.0.0.1").warning()).as("a fresh one").isEmpty();

        CmppConnect wrongSecret = new CmppConnect(1, "901234", Authenticator.source("901234", "wrong", utc), 0x30, utc);
        assertThat(warn.check(wrongSecret, "127.0.0.1").status()).isEqualTo(CmppConnectResp.STATUS_AUTH_FAILED);
    }

    @Test
    void offIgnoresTheTimestampEvenWhenItIsNoDate() {
        ServerLoginPolicy off = policy(b -> b.timestampCheck(TimestampCheck.OFF));
        long utc = CmppTimestamp.now(TestPdus.CLOCK, ZoneOffset.UTC);
        assertThat(off.check(connectAt("901234", "secret", utc), "127.0.0.1"))
            .isEqualTo(ServerLoginPolicy.Decision.accept(CmppVersion.V30, OPEN));
        assertThat(off.check(connectAt("901234", "secret", 4_294_967_295L), "127.0.0.1").status()).isZero();
        assertThat(lenient.check(connectAt("901234", "secret", 4_294_967_295L), "127.0.0.1").reason())
            .contains("Timestamp 4294967295 is not a date MMDDHHMMSS in Asia/Shanghai");
    }

    @Test
    void theZoneAndTheToleranceAreTheServers() {
        long utc = CmppTimestamp.now(TestPdus.CLOCK, ZoneOffset.UTC);
        assertThat(policy(b -> b.zone(ZoneOffset.UTC)).check(connectAt("901234", "secret", utc), "127.0.0.1")
            .status()).isZero();
        long halfAnHourAhead = CmppTimestamp.now(java.time.Clock.offset(TestPdus.CLOCK, Duration.ofMinutes(30)));
        assertThat(lenient.check(connectAt("901234", "secret", halfAnHourAhead), "127.0.0.1").reason())
            .contains("1800 s ahead of the ISMG's clock");
        assertThat(policy(b -> b.timestampSkew(Duration.ofHours(1))).check(connectAt("901234", "secret",
            halfAnHourAhead), "127.0.0.1").status()).isZero();
    }

    @Test
    void timestampCheckReadsTheConfigurationWords() {
        assertThat(TimestampCheck.parse(" Enforce")).isEqualTo(TimestampCheck.ENFORCE);
        assertThat(TimestampCheck.parse("warn")).isEqualTo(TimestampCheck.WARN);
        assertThat(TimestampCheck.parse("OFF")).isEqualTo(TimestampCheck.OFF);
        assertThat(TimestampCheck.WARN.label()).isEqualTo("warn");
        assertThatThrownBy(() -> TimestampCheck.parse("strict")).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("timestampCheck: \"strict\" (expected: enforce, warn or off)");
        assertThatThrownBy(() -> TimestampCheck.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    private static ServerLoginPolicy policy(UnaryOperator<CmppServerConfig.Builder> settings) {
        return new ServerLoginPolicy(settings.apply(CmppServerConfig.builder().port(0).clock(TestPdus.CLOCK)).build(),
            ACCOUNTS);
    }

    private static CmppConnect connectAt(String sourceAddr, String secret, long timestamp) {
        return new CmppConnect(1, sourceAddr, Authenticator.source(sourceAddr, secret, timestamp), 0x30, timestamp);
    }

    private static ServerLoginPolicy policy(CmppVersion highest, boolean strict) {
        return new ServerLoginPolicy(CmppServerConfig.builder().port(0).clock(TestPdus.CLOCK).highestVersion(highest)
            .strictVersion(strict).build(), ACCOUNTS);
    }

    private static CmppConnect connect(String sourceAddr, String secret, int version) {
        long timestamp = CmppTimestamp.now(TestPdus.CLOCK);
        return new CmppConnect(1, sourceAddr, Authenticator.source(sourceAddr, secret, timestamp), version,
            timestamp);
    }
}
