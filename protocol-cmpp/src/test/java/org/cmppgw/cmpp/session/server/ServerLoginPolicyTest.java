package org.cmppgw.cmpp.session.server;

import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.auth.Authenticator;
import org.cmppgw.cmpp.auth.CmppTimestamp;
import org.cmppgw.cmpp.pdu.CmppConnect;
import org.cmppgw.cmpp.session.TestPdus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(decision.reason()).contains("960 s off");

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
