package org.cmppgw.gateway.dispatch;

import org.cmppgw.cmpp.pdu.CmppSubmit;
import org.cmppgw.cmpp.sms.Segmenter;
import org.cmppgw.cmpp.sms.SegmenterOptions;
import org.cmppgw.gateway.config.AppConfig;
import org.cmppgw.gateway.config.CallbackUrl;
import org.cmppgw.gateway.config.Secret;
import org.cmppgw.gateway.model.MoMessage;
import org.cmppgw.gateway.provider.cmpp.CmppProviderPool;
import org.cmppgw.gateway.provider.cmpp.TestIsmg;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cmppgw.gateway.dispatch.SendPathFixture.ACCESS_NUMBER;
import static org.cmppgw.gateway.dispatch.SendPathFixture.APP;
import static org.cmppgw.gateway.dispatch.SendPathFixture.APP_CONFIG;
import static org.cmppgw.gateway.dispatch.SendPathFixture.TIMEOUT;
import static org.cmppgw.gateway.dispatch.SendPathFixture.message;
import static org.cmppgw.gateway.dispatch.SendPathFixture.provider;

/**
 * An app's Src_Id extension from its configuration to the carrier and back (docs/cmpp-protocol.md §10.3): its SUBMITs
 * go out from access number + extension, and an MO sent to that number is stored for it; the other app keeps the bare
 * access number and gets every other MO.
 */
class AppExtensionTest extends SendPathTestBase {
    private static final String SHOP = "shop";
    private static final AppConfig SHOP_CONFIG = new AppConfig(SHOP, new Secret("shop-secret"),
        List.of(new CallbackUrl("http://127.0.0.1:9/shop", true)), List.of(), 0, 0, "77");

    @Test
    void anAppsExtensionIsTheSrcIdOfItsSubmitsAndRoutesItsMoBackToIt() throws Exception {
        // No status reports: every DELIVER the ISMG sends here is an MO.
        TestIsmg ismg = fixture.track(TestIsmg.start("cmcc", 4).reports(TestIsmg.Reports.NONE));
        CmppProviderPool pool = new CmppProviderPool(provider("cmcc", ismg.port(), 1, 16, 1000),
            fixture.shared(fixture.group, List.of(APP_CONFIG, SHOP_CONFIG)));
        Dispatcher dispatcher = fixture.dispatcher(pool);
        Await.until("logged in", TIMEOUT, pool::isAvailable);

        Await.result("accept", fixture.intake(dispatcher).accept(List.of(
            message(SHOP, "13800138000", "【签名】order shipped"), message(APP, "13800138001", "【签名】hello"))));
        Await.until("both submitted", TIMEOUT, () -> ismg.submits() == 2);

        Map<String, String> srcIdByMobile = ismg.received().stream()
            .collect(Collectors.toMap(s -> s.destTerminalIds().get(0), CmppSubmit::srcId));
        assertThat(srcIdByMobile).containsEntry("13800138000", ACCESS_NUMBER + "77")
            .containsEntry("13800138001", ACCESS_NUMBER);

        Segmenter segmenter = new Segmenter(SegmenterOptions.defaults());
        ismg.sendMo("13800138000", ACCESS_NUMBER + "7712", segmenter.split("where is my parcel").get(0));
        ismg.sendMo("13800138001", ACCESS_NUMBER, segmenter.split("TD").get(0));
        Await.until("both DELIVERs answered", TIMEOUT, () -> ismg.deliverResults().size() == 2);

        List<MoMessage> toShop = Await.result("pullReplies", fixture.store.pullReplies(SHOP, 10));
        List<MoMessage> toApp = Await.result("pullReplies", fixture.store.pullReplies(APP, 10));
        assertThat(toShop).extracting(MoMessage::content).containsExactly("where is my parcel");
        assertThat(toShop.get(0).destId()).isEqualTo(ACCESS_NUMBER + "7712");
        assertThat(toShop.get(0).callbackUrl()).isEqualTo("http://127.0.0.1:9/shop");
        assertThat(toApp).extracting(MoMessage::content).containsExactly("TD");
        assertThat(ismg.deliverResults()).containsOnly(0L);
    }
}
