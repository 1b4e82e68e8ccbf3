package org.cmppgw.gateway.billing;

import com.zaxxer.hikari.HikariDataSource;
import org.cmppgw.gateway.config.BalanceAlertConfig;
import org.cmppgw.gateway.model.SmsType;
import org.cmppgw.gateway.persistence.BillingRules;
import org.cmppgw.gateway.persistence.jdbc.DataSourceSettings;
import org.cmppgw.gateway.persistence.jdbc.DataSources;
import org.cmppgw.gateway.persistence.jdbc.JdbcBalances;
import org.cmppgw.testing.Await;
import org.cmppgw.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes' balance services on one H2 file database (docs/api.md "Balance alerts"): the configuration's alert
 * settings are the starting value, an operator's save is in force on its node at once and on the other after its
 * reload, and the thresholds the accept transaction reads are the billing rules' own, in memory.
 */
final class BalanceServiceTest {
    private static final String APP = "app-a";

    @TempDir
    Path dir;
    private HikariDataSource dataSource;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-02T03:04:05Z"));
    private final BillingRules rulesA = new BillingRules(true, Set.of(), Map.of());
    private final BillingRules rulesB = new BillingRules(true, Set.of(), Map.of());
    private BalanceService nodeA;
    private BalanceService nodeB;

    @BeforeEach
    void start() {
        dataSource = DataSources.open(DataSourceSettings.of("jdbc:h2:file:" + dir.resolve("gateway"), "", ""));
        nodeA = new BalanceService(new JdbcBalances(dataSource), rulesA, clock);
        nodeB = new BalanceService(new JdbcBalances(dataSource), rulesB, clock);
    }

    @AfterEach
    void stop() {
        nodeA.close();
        nodeB.close();
        dataSource.close();
    }

    @Test
    void aSaveIsInForceOnItsNodeAtOnceAndOnAnotherAfterItsReload() {
        List<BalanceAlertConfig> configured = List.of(new BalanceAlertConfig(APP, List.of("13800138000"), 1000, 0, 0));
        nodeA.startAlertSettings(configured);
        nodeB.startAlertSettings(configured);
        assertThat(rulesA.threshold(APP, SmsType.INDUSTRY)).isEqualTo(1000);
        assertThat(rulesB.threshold(APP, SmsType.INDUSTRY)).isEqualTo(1000);

        Await.result("save", nodeA.saveAlertSetting("alice", new BalanceAlertConfig(APP, List.of("13900139000"),
            0, 500, 0)));
        assertThat(rulesA.threshold(APP, SmsType.INDUSTRY)).as("0 = no alert").isZero();
        assertThat(rulesA.threshold(APP, SmsType.MARKET)).isEqualTo(500);
        assertThat(rulesB.threshold(APP, SmsType.MARKET)).as("before node B reloads").isZero();

        Await.result("reload", nodeB.reloadAlertSettings());
        assertThat(rulesB.threshold(APP, SmsType.INDUSTRY)).isZero();
        assertThat(rulesB.threshold(APP, SmsType.MARKET)).isEqualTo(500);
        assertThat(Await.result("read", nodeB.alertSetting(APP))).hasValueSatisfying(s -> {
            assertThat(s.mobiles()).containsExactly("13900139000");
            assertThat(s.updatedBy()).isEqualTo("alice");
        });

        nodeB.startAlertSettings(configured);
        assertThat(rulesB.threshold(APP, SmsType.MARKET)).as("a restart keeps the edit").isEqualTo(500);
        assertThat(rulesB.threshold(APP, SmsType.INDUSTRY)).isZero();
    }
}
