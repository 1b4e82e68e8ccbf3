package org.cmppgw.gateway.dispatch;

import org.cmppgw.gateway.config.RoutingConfig;
import org.cmppgw.gateway.intake.AcceptedMessage;
import org.cmppgw.gateway.intake.ApiError;
import org.cmppgw.gateway.intake.DurableIntake;
import org.cmppgw.gateway.intake.MessageIntake;
import org.cmppgw.gateway.intake.rules.AdmissionRulesFixture;
import org.cmppgw.gateway.intake.rules.MobileRules;
import org.cmppgw.gateway.model.MessageIdGenerator;
import org.cmppgw.gateway.model.MessagePriority;
import org.cmppgw.gateway.model.TemplateType;
import org.cmppgw.gateway.persistence.StoreRules;
import org.cmppgw.gateway.persistence.jdbc.JdbcMessageStore;
import org.cmppgw.gateway.persistence.jdbc.StoreSettings;
import org.cmppgw.gateway.provider.cmpp.CmppProviderPool;
import org.cmppgw.gateway.provider.cmpp.TestIsmg;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cmppgw.gateway.dispatch.SendPathFixture.APP;
import static org.cmppgw.gateway.dispatch.SendPathFixture.CALLBACK;
import static org.cmppgw.gateway.dispatch.SendPathFixture.TIMEOUT;
import static org.cmppgw.gateway.dispatch.SendPathFixture.provider;

/**
 * The intake with the store's per-mobile rules (docs/api.md, "Admission rules"): a refused message gets minus its
 * JSMS code instead of a msg id, gives its dispatch capacity back at once and never reaches the carrier.
 */
class RefusedRecipients12Test extends SendPathTestBase {
    @Test
    void refusedMessagesGiveTheirCapacityBackAndAreNeverSent() throws Exception {
        TestIsmg ismg = fixture.track(TestIsmg.start("cmcc", 4));
        CmppProviderPool pool = fixture.pool(provider("cmcc", ismg.port(), 1, 16, 1000));
        Dispatcher dispatcher = fixture.dispatcher(List.of(pool), new RoutingConfig("", "", List.of()), 100);
        JdbcMessageStore ruled = fixture.track(JdbcMessageStore.open(fixture.dataSource, StoreSettings.defaults(2)
            .withRules(new StoreRules(new MobileRules(AdmissionRulesFixture.JSMS_DEFAULTS), text -> false)),
            fixture.clock, fixture.reads));
        DurableIntake intake = new DurableIntake(ruled, dispatcher, new MessageIdGenerator(2, fixture.clock::millis,
            0), fixture.backlog, SendPathFixture.TTL, 100);
        List<AcceptedMessage> marketing = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            marketing.add(new AcceptedMessage(APP, "13800138000", "【签名】sale " + i, 1, 1, CALLBACK,
                MessagePriority.LOW, Instant.now(), TemplateType.MARKETING));
        }

        long[] ids = Await.result("accept", intake.accept(marketing));

        assertThat(ids[0]).isPositive();
        assertThat(ids[2]).isPositive();
        assertThat(MessageIntake.refusal(ids[3])).isEqualTo(ApiError.OUT_OF_FREQ);
        assertThat(MessageIntake.refusal(ids[4])).isEqualTo(ApiError.OUT_OF_FREQ);
        Await.until("the 3 admitted are at the carrier", TIMEOUT, () -> ismg.submits() == 3);
        Await.until("every reservation released", TIMEOUT, () -> dispatcher.capacity().inUse() == 0);
        assertThat(ismg.submits()).isEqualTo(3);
    }
}
