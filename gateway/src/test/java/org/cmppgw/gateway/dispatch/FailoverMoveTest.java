package org.cmppgw.gateway.dispatch;

import org.cmppgw.gateway.config.RoutingConfig;
import org.cmppgw.gateway.provider.cmpp.CmppProviderPool;
import org.cmppgw.gateway.provider.cmpp.TestIsmg;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cmppgw.gateway.dispatch.SendPathFixture.TIMEOUT;
import static org.cmppgw.gateway.dispatch.SendPathFixture.provider;
import static org.cmppgw.gateway.dispatch.SendPathFixture.send;

/**
 * A provider that goes down with messages queued in memory (issue 13, docs/design.md §5): those none of whose parts
 * was sent move to the route's backup within the refill's next check instead of waiting for the provider to come back.
 */
class FailoverMoveTest extends SendPathTestBase {
    private static final int MESSAGES = 40;

    @Test
    void messagesQueuedForAProviderThatWentDownMoveToItsBackup() {
        TestIsmg primaryIsmg = TestIsmg.start("cmcc", 4);
        TestIsmg backupIsmg = fixture.track(TestIsmg.start("spare", 4));
        // 2 submits a second: nearly all of the 40 are still queued in memory when the carrier goes away.
        CmppProviderPool primary = fixture.pool(provider("cmcc", primaryIsmg.port(), 1, 16, 2));
        CmppProviderPool backup = fixture.pool(provider("spare", backupIsmg.port(), 1, 16, 1000));
        Dispatcher dispatcher = fixture.dispatcher(List.of(primary, backup),
            new RoutingConfig("cmcc", "spare", List.of()), 1000);
        Await.until("both providers logged in", TIMEOUT, () -> primary.isAvailable() && backup.isAvailable());

        send(fixture.intake(dispatcher), MESSAGES, "【签名】hello");
        Await.until("the primary carrier got a first submit", TIMEOUT, () -> primaryIsmg.submits() >= 1);
        primaryIsmg.close();

        Await.until("the primary's queue moved to the backup and sent there", TIMEOUT,
            () -> primary.queuedParts() == 0 && fixture.metrics.count("moved.cmcc") > 0
                && backupIsmg.submits() == fixture.metrics.count("moved.cmcc"),
            () -> primary.queuedParts() + " parts queued at the primary, " + fixture.metrics.count("moved.cmcc")
                + " moved, " + backupIsmg.submits() + " at the backup");
        // A message whose submit was being written when the connection closed may have reached the carrier: it stays
        // with the primary (at most a window's worth; one here at 2 submits a second), never sent twice.
        assertThat(MESSAGES - primaryIsmg.submits() - backupIsmg.submits()).as("held by the primary's lost session")
            .isBetween(0, 16);
        assertThat(backupIsmg.received()).extracting(submit -> submit.destTerminalIds().get(0)).doesNotHaveDuplicates();
    }
}
