package org.cmppgw.gateway.dispatch;

import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.pdu.CmppSubmit;
import org.cmppgw.cmpp.sms.Segmenter;
import org.cmppgw.cmpp.sms.SegmenterOptions;
import org.cmppgw.gateway.config.ProviderConfig;
import org.cmppgw.gateway.config.RouteRule;
import org.cmppgw.gateway.config.RoutingConfig;
import org.cmppgw.gateway.config.SubmitDefaults;
import org.cmppgw.gateway.config.SubmitOverride;
import org.cmppgw.gateway.config.TemplateConfig;
import org.cmppgw.gateway.intake.AcceptedMessage;
import org.cmppgw.gateway.intake.DurableIntake;
import org.cmppgw.gateway.model.MessagePriority;
import org.cmppgw.gateway.model.MessageStatus;
import org.cmppgw.gateway.model.MoMessage;
import org.cmppgw.gateway.model.TemplateType;
import org.cmppgw.gateway.provider.cmpp.CmppProviderPool;
import org.cmppgw.gateway.provider.cmpp.PoolSettings;
import org.cmppgw.gateway.provider.cmpp.SharedServices;
import org.cmppgw.gateway.provider.cmpp.TestIsmg;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cmppgw.gateway.dispatch.SendPathFixture.APP;
import static org.cmppgw.gateway.dispatch.SendPathFixture.APP_CONFIG;
import static org.cmppgw.gateway.dispatch.SendPathFixture.CALLBACK;
import static org.cmppgw.gateway.dispatch.SendPathFixture.TIMEOUT;

/**
 * Issue 14, item 6: the SUBMIT fields a carrier checks arrive on the wire as configured (provider, routing rule,
 * template; 2.0 and 3.0 widths), and an MO's LinkID comes back in the app's reply (docs/cmpp-protocol.md §7.1, §10.3).
 * Real sockets, a real store, the test ISMG recording every SUBMIT it decodes.
 */
class SubmitFieldsTest extends SendPathTestBase {
    private static final String MOBILE = "13800138000";
    private static final String LINK_ID = "LINK0123456789ABCDEF";
    private static final SubmitDefaults CHARGED = new SubmitDefaults("SVC99", 3, "13900000001", 1, "02", "000010", 3,
        "", "261231235959032+", "", 0, Duration.ofMinutes(10));

    /** The fixture's provider "cmcc" on {@code ismg} with {@code version} and {@code submit}. */
    private static ProviderConfig provider(TestIsmg ismg, CmppVersion version, SubmitDefaults submit) {
        ProviderConfig p = SendPathFixture.provider("cmcc", ismg.port(), 1, 16, 1000);
        return new ProviderConfig(p.name(), p.code(), p.supplier(), p.host(), p.port(), p.account(), p.password(),
            p.accessNumber(), p.connections(), submit, version, p.window(), p.tps(), p.heartbeatInterval(),
            p.heartbeatMaxMissed(), p.responseTimeout(), p.retries(), p.connectTimeout(), p.reconnect(),
            p.circuitBreaker(), p.flowControl(), p.outcomes(), p.drainTimeout());
    }

    /** A started intake over one logged-in provider with {@code rules} and {@code templates}. */
    private DurableIntake connected(ProviderConfig config, List<RouteRule> rules, List<TemplateConfig> templates)
        throws InterruptedException {
        SharedServices shared = SharedServices.of(fixture.store, fixture.metrics, fixture.clock, fixture.group,
            fixture.ids, List.of(APP_CONFIG), rules, templates);
        CmppProviderPool pool = new CmppProviderPool(config, shared, PoolSettings.defaults());
        Dispatcher dispatcher = fixture.dispatcher(List.of(pool), new RoutingConfig("", "", rules), 1000);
        Await.until("logged in", TIMEOUT, pool::isAvailable);
        return fixture.intake(dispatcher);
    }

    private static AcceptedMessage message(String mobile, int templateId) {
        return new AcceptedMessage(APP, mobile, "【签名】您的验证码是 123456", templateId, 1, CALLBACK,
            MessagePriority.NORMAL, Instant.now());
    }

    /** Sends one message and returns the SUBMIT the ISMG received for it (after {@code before} others). */
    private CmppSubmit sendOne(DurableIntake intake, TestIsmg ismg, AcceptedMessage message, int before) {
        long[] ids = Await.result("accept", intake.accept(List.of(message)));
        fixture.awaitStatus(ids[0], MessageStatus.DELIVERED);
        return ismg.received().get(before);
    }

    @Test
    void providerRouteAndTemplateFieldsArriveOnA30Link() throws Exception {
        TestIsmg ismg = fixture.track(TestIsmg.start("cmcc", 1));
        List<RouteRule> rules = List.of(new RouteRule(List.of("137"), List.of(), List.of(), "cmcc", "",
            new SubmitOverride(null, null, null, null, null, "000020", 7, null, null, null, null)));
        List<TemplateConfig> templates = List.of(new TemplateConfig(5, "code {{c}}", true, TemplateType.CODE,
            new SubmitOverride("TPL", 0, null, null, "01", null, null, null, "", "000000003000000R", 127)));
        DurableIntake intake = connected(provider(ismg, CmppVersion.V30, CHARGED), rules, templates);

        CmppSubmit plain = sendOne(intake, ismg, message(MOBILE, 1), 0);
        CmppSubmit routed = sendOne(intake, ismg, message("13700137000", 1), 1);
        CmppSubmit both = sendOne(intake, ismg, message("13700137000", 5), 2);

        assertThat(List.of(plain.serviceId(), plain.feeUserType(), plain.feeTerminalId(), plain.feeTerminalType(),
            plain.feeType(), plain.feeCode(), plain.msgLevel(), plain.msgSrc(), plain.validTime(), plain.atTime(),
            plain.tpPid(), plain.linkId())).containsExactly("SVC99", 3, "13900000001", 1, "02", "000010", 3, "cmcc",
            "261231235959032+", "", 0, "");
        assertThat(List.of(routed.serviceId(), routed.feeCode(), routed.msgLevel(), routed.feeType()))
            .as("the rule's keys over the provider's").containsExactly("SVC99", "000020", 7, "02");
        assertThat(List.of(both.serviceId(), both.feeUserType(), both.feeType(), both.feeCode(), both.msgLevel(),
            both.validTime(), both.atTime(), both.tpPid()))
            .as("the template's keys over the rule's").containsExactly("TPL", 0, "01", "000020", 7, "",
                "000000003000000R", 127);
    }

    @Test
    void feeFieldsArriveOnA20LinkWithItsWidths() throws Exception {
        TestIsmg ismg = fixture.track(TestIsmg.start("cmcc", 1));
        SubmitDefaults submit = new SubmitDefaults("SVC20", 3, "139000000010000000001", 0, "05", "000100", 1, "905555",
            "", "", 0, Duration.ZERO);
        DurableIntake intake = connected(provider(ismg, CmppVersion.V20, submit), List.of(), List.of());

        CmppSubmit received = sendOne(intake, ismg, message(MOBILE, 1), 0);

        assertThat(List.of(received.serviceId(), received.feeUserType(), received.feeTerminalId(),
            received.feeType(), received.feeCode(), received.msgLevel(), received.msgSrc(), received.linkId()))
            .containsExactly("SVC20", 3, "139000000010000000001", "05", "000100", 1, "905555", "");
    }

    @Test
    void theLinkIdOfAnMoComesBackInTheAppsReplyToThatHandset() throws Exception {
        TestIsmg ismg = fixture.track(TestIsmg.start("cmcc", 1));
        DurableIntake intake = connected(provider(ismg, CmppVersion.V30, CHARGED), List.of(), List.of());
        Await.until("ISMG sees the connection", TIMEOUT, () -> ismg.connections() == 1);

        ismg.sendMo("86" + MOBILE, SendPathFixture.ACCESS_NUMBER,
            new Segmenter(SegmenterOptions.defaults()).split("点播 1").get(0), LINK_ID);
        List<MoMessage> stored = new ArrayList<>();
        Await.until("MO stored", TIMEOUT, () -> {
            stored.addAll(Await.result("pullReplies", fixture.store.pullReplies(APP, 10)));
            return !stored.isEmpty();
        });
        CmppSubmit reply = sendOne(intake, ismg, message(stored.get(0).mobile(), 1), 0);
        CmppSubmit other = sendOne(intake, ismg, message("13700137000", 1), 1);

        assertThat(stored.get(0).mobile()).isEqualTo(MOBILE);
        assertThat(reply.linkId()).isEqualTo(LINK_ID);
        assertThat(reply.destTerminalIds()).containsExactly(MOBILE);
        assertThat(other.linkId()).as("another handset").isEmpty();
    }
}
