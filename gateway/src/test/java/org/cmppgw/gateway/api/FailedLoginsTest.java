package org.cmppgw.gateway.api;

import org.cmppgw.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link FailedLogins} and the client keys of {@link ClientAddress}, on an injected clock. */
class FailedLoginsTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-02T03:04:05Z"));
    private final FailedLogins logins = new FailedLogins(3, Duration.ofSeconds(3).toNanos(), clock::nanoTime);

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anAddressIsBlockedAfterItsBurstAndGetsOneMoreTryPerShareOfTheWindow() {
        InetAddress a = address("10.0.0.1");
        for (int i = 0; i < 3; i++) {
            assertThat(logins.blocked(a)).as("failure %d", i + 1).isFalse();
            logins.failed(a);
        }
        assertThat(logins.blocked(a)).isTrue();
        assertThat(logins.blocked(address("10.0.0.2"))).as("another address").isFalse();

        clock.advance(Duration.ofMillis(999));
        assertThat(logins.blocked(a)).isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThat(logins.blocked(a)).isFalse();
        logins.failed(a);
        assertThat(logins.blocked(a)).isTrue();

        clock.advance(Duration.ofSeconds(3));
        assertThat(logins.blocked(a)).isFalse();
    }

    @Test
    void zeroMeansNoLimitAndTracksNothing() {
        FailedLogins off = new FailedLogins(0, Duration.ofMinutes(1).toNanos(), clock::nanoTime);
        InetAddress a = address("10.0.0.1");
        for (int i = 0; i < 100; i++) {
            off.failed(a);
        }

        assertThat(off.blocked(a)).isFalse();
        assertThat(off.tracked()).isZero();
        assertThatThrownBy(() -> new FailedLogins(-1, 1, clock::nanoTime))
            .hasMessage("limit: -1 (expected: >= 0)");
    }

    @Test
    void aFullTableDropsRefilledEntriesAndThenSharesOneEntryForNewAddresses() {
        for (int i = 0; i < FailedLogins.MAX_TRACKED; i++) {
            logins.failed(address("10." + (i >> 16 & 0xff) + "." + (i >> 8 & 0xff) + "." + (i & 0xff)));
        }
        assertThat(logins.tracked()).isEqualTo(FailedLogins.MAX_TRACKED);

        InetAddress late = address("172.16.0.1");
        for (int i = 0; i < 3; i++) {
            logins.failed(late);
        }
        assertThat(logins.blocked(late)).as("limited through the shared entry").isTrue();
        assertThat(logins.blocked(address("172.16.0.2"))).as("so is any other new address").isTrue();
        assertThat(logins.tracked()).isEqualTo(FailedLogins.MAX_TRACKED + 1);

        clock.advance(Duration.ofSeconds(2));
        logins.failed(address("172.16.0.3"));

        assertThat(logins.tracked()).as("the refilled ones dropped").isLessThan(10);
        assertThat(logins.blocked(address("10.0.0.1"))).isFalse();
    }

    @Test
    void ipv6ClientsCountPerSlash64AndLogsSaySo() {
        InetAddress one = ClientAddress.of(address("2001:db8:1:2:aaaa::1"));
        InetAddress other = ClientAddress.of(address("2001:db8:1:2:bbbb::7"));

        assertThat(one).isEqualTo(other);
        assertThat(ClientAddress.describe(one)).isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(ClientAddress.of(address("2001:db8:1:3::1"))).isNotEqualTo(one);
        assertThat(ClientAddress.of(address("10.1.2.3"))).isEqualTo(address("10.1.2.3"));
        assertThat(ClientAddress.describe(address("10.1.2.3"))).isEqualTo("10.1.2.3");
    }
}
