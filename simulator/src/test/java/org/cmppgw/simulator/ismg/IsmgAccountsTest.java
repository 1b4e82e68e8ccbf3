package org.cmppgw.simulator.ismg;

import org.cmppgw.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IsmgAccountsTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T14:50:31Z"));

    private static IsmgAccountConfig account(String name, int tps, List<Integer> codes) {
        return new IsmgAccountConfig(name, "x", null, tps, codes, null, null, null);
    }

    @Test
    void accountsWithTheSameCodesShareOneGeneratorSoTheirIdsDiffer() {
        IsmgConfig config = new IsmgConfig(null, null, null, null, List.of(account("1", 0, List.of(79101)),
            account("2", 0, List.of(79101)), account("3", 0, List.of(1001))), null, null, null);

        IsmgAccounts accounts = IsmgAccounts.create(config, clock, IsmgAccounts.CARRIER_ZONE, clock::nanoTime);

        assertThat(accounts.get("1").msgIds()).isSameAs(accounts.get("2").msgIds());
        assertThat(accounts.get("3").msgIds()).isNotSameAs(accounts.get("1").msgIds());
        assertThat(accounts.get("1").msgIds().next()).isNotEqualTo(accounts.get("2").msgIds().next());
    }

    @Test
    void eachAccountHasItsOwnTpsBudget() {
        IsmgConfig config = new IsmgConfig(null, null, null, null, List.of(account("1", 1, null),
            account("2", 1, null), account("3", 0, null)), null, null, null);
        IsmgAccounts accounts = IsmgAccounts.create(config, clock, IsmgAccounts.CARRIER_ZONE, clock::nanoTime);

        assertThat(accounts.get("1").tpsLimiter().tryAcquire()).isTrue();
        assertThat(accounts.get("1").tpsLimiter().tryAcquire()).isFalse();
        assertThat(accounts.get("2").tpsLimiter().tryAcquire()).isTrue();
        assertThat(accounts.get("3").tpsLimiter().isUnlimited()).isTrue();
    }

    @Test
    void findsAccountsBySourceAddr() {
        IsmgAccounts accounts = IsmgAccounts.create(IsmgConfig.defaults(), clock, IsmgAccounts.CARRIER_ZONE,
            clock::nanoTime);

        assertThat(accounts.find("901234")).map(IsmgAccount::name).contains("901234");
        assertThat(accounts.find("901235")).isEmpty();
        assertThat(accounts.all()).hasSize(1);
        assertThatThrownBy(() -> accounts.get("x")).hasMessage("sourceAddr: x (expected: one of [901234])");
    }
}
