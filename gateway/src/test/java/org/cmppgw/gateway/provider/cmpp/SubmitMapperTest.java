package org.cmppgw.gateway.provider.cmpp;

import org.cmppgw.cmpp.pdu.CmppSubmit;
import org.cmppgw.cmpp.sms.Segmenter;
import org.cmppgw.cmpp.sms.SegmenterOptions;
import org.cmppgw.gateway.config.ConfigLoader;
import org.cmppgw.gateway.config.GatewayConfig;
import org.cmppgw.gateway.model.MessagePriority;
import org.cmppgw.gateway.model.OutboundMessage;
import org.cmppgw.gateway.provider.DispatchListener;
import org.cmppgw.gateway.provider.OutboundSms;
import org.cmppgw.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SUBMIT fields a provider sends (docs/cmpp-protocol.md §7.1): its {@code submit} block, replaced key by key by the
 * message's routing rule, then by its template; the LinkID of the handset's last MO to the app within the window.
 */
class SubmitMapperTest {
    private static final String MOBILE = "13800138000";

    /** Two providers: a 3.0 one with a full submit block, a 2.0 one with the old serviceId key only. */
    private static final String YAML = String.join("\n",
        "apps:",
        "  - appKey: shop",
        "    masterSecret: s",
        "    callbackUrls: [{url: 'http://127.0.0.1:9/cb', default: true}]",
        "    extension: '77'",
        "providers:",
        "  - name: cmcc",
        "    host: 127.0.0.1",
        "    port: 7890",
        "    account: '901234'",
        "    password: pw",
        "    accessNumber: '1069000001'",
        "    submit:",
        "      serviceId: SVC01",
        "      feeUserType: 3",
        "      feeTerminalId: '13900139000'",
        "      feeTerminalType: 1",
        "      feeType: '02'",
        "      feeCode: '000010'",
        "      msgLevel: 5",
        "      validTime: '261203235959000+'",
        "      tpPid: 127",
        "      linkIdReplyWindow: 10m",
        "  - name: old",
        "    host: 127.0.0.1",
        "    port: 7891",
        "    account: '902345'",
        "    password: pw",
        "    accessNumber: '1069000002'",
        "    version: '2.0'",
        "    serviceId: OLDSVC",
        "routing:",
        "  rules:",
        "    - prefixes: ['139']",
        "      provider: old",
        "      submit: {serviceId: NOTHERE}",
        "    - apps: [shop]",
        "      provider: cmcc",
        "      submit: {serviceId: ROUTE, feeCode: '000020', msgSrc: '905555'}",
        "templates:",
        "  - id: 1",
        "    content: 'Your code is {{code}}'",
        "  - id: 7",
        "    content: 'Your parcel {{id}} is here'",
        "    submit: {feeCode: '000050', atTime: '000001000000000R'}",
        "");

    private final GatewayConfig config = new ConfigLoader(Map.of()).parse(YAML, List.of());
    private final MutableClock clock = new MutableClock(Instant.EPOCH);

    private SubmitMapper mapper(int provider, MoLinkIds linkIds) {
        return new SubmitMapper(config.providers().get(provider), Map.of("shop", "77"), config.routing().rules(),
            config.templates(), linkIds);
    }

    private MoLinkIds linkIds() {
        return new MoLinkIds(config.providers().get(0).submit().linkIdReplyWindow().toNanos(), clock::nanoTime, 3);
    }

    private static OutboundSms sms(String app, String mobile, long templateId, int route) {
        String text = "【签名】您的验证码是 123456";
        OutboundMessage message = new OutboundMessage(42, app, mobile, text, templateId, 5, null, 1, Instant.EPOCH);
        return new OutboundSms(message, new Segmenter(SegmenterOptions.defaults()).split(text),
            MessagePriority.NORMAL, route, DispatchListener.NONE);
    }

    @Test
    void providerDefaultsGoOnEverySubmitWithMsgSrcTheAccount() {
        CmppSubmit submit = mapper(0, linkIds()).submit(9, sms("other", MOBILE, 0, OutboundSms.NO_ROUTE), 0);

        assertThat(submit.serviceId()).isEqualTo("SVC01");
        assertThat(submit.feeUserType()).isEqualTo(3);
        assertThat(submit.feeTerminalId()).isEqualTo("13900139000");
        assertThat(submit.feeTerminalType()).isEqualTo(1);
        assertThat(submit.feeType()).isEqualTo("02");
        assertThat(submit.feeCode()).isEqualTo("000010");
        assertThat(submit.msgLevel()).isEqualTo(5);
        assertThat(submit.msgSrc()).isEqualTo("901234");
        assertThat(submit.validTime()).isEqualTo("261203235959000+");
        assertThat(submit.atTime()).isEmpty();
        assertThat(submit.tpPid()).isEqualTo(127);
        assertThat(submit.srcId()).isEqualTo("1069000001");
        assertThat(submit.linkId()).isEmpty();
        assertThat(submit.registeredDelivery()).isEqualTo(1);
    }

    @Test
    void aRouteReplacesOnlyTheKeysItGives() {
        CmppSubmit submit = mapper(0, linkIds()).submit(9, sms("shop", MOBILE, 1, 1), 0);

        assertThat(submit.serviceId()).isEqualTo("ROUTE");
        assertThat(submit.feeCode()).isEqualTo("000020");
        assertThat(submit.msgSrc()).isEqualTo("905555");
        assertThat(submit.feeType()).isEqualTo("02");
        assertThat(submit.msgLevel()).isEqualTo(5);
        assertThat(submit.srcId()).isEqualTo("106900000177");
    }

    @Test
    void aTemplateBeatsTheRouteWhichBeatsTheProvider() {
        SubmitMapper mapper = mapper(0, linkIds());

        CmppSubmit routed = mapper.submit(9, sms("shop", MOBILE, 7, 1), 0);
        CmppSubmit unrouted = mapper.submit(9, sms("shop", MOBILE, 7, OutboundSms.NO_ROUTE), 0);

        assertThat(routed.feeCode()).as("template over route").isEqualTo("000050");
        assertThat(routed.atTime()).isEqualTo("000001000000000R");
        assertThat(routed.serviceId()).as("route, the template has none").isEqualTo("ROUTE");
        assertThat(unrouted.feeCode()).isEqualTo("000050");
        assertThat(unrouted.serviceId()).as("provider").isEqualTo("SVC01");
        assertThat(mapper.fields(1, 7)).as("resolved once, not per submit").isSameAs(mapper.fields(1, 7));
    }

    @Test
    void aRuleOfAnotherProviderLeavesThisProvidersFields() {
        CmppSubmit submit = mapper(0, linkIds()).submit(9, sms("shop", "13900139000", 0, 0), 0);

        assertThat(submit.serviceId()).isEqualTo("SVC01");
    }

    @Test
    void aVersion20ProviderWithTheOldServiceIdKeySendsTheDefaultsAndItsOwnRule() {
        SubmitMapper mapper = mapper(1, new MoLinkIds(0, clock::nanoTime, 1));

        CmppSubmit plain = mapper.submit(9, sms("other", MOBILE, 1, OutboundSms.NO_ROUTE), 0);
        CmppSubmit routed = mapper.submit(9, sms("other", "13900139000", 7, 0), 0);

        assertThat(config.providers().get(1).submit().serviceId()).isEqualTo("OLDSVC");
        assertThat(plain.serviceId()).isEqualTo("OLDSVC");
        assertThat(plain.feeUserType()).isEqualTo(2);
        assertThat(plain.feeTerminalId()).isEmpty();
        assertThat(plain.feeTerminalType()).isZero();
        assertThat(plain.feeType()).isEqualTo("01");
        assertThat(plain.feeCode()).isEqualTo("000000");
        assertThat(plain.msgSrc()).isEqualTo("902345");
        assertThat(plain.validTime()).isEmpty();
        assertThat(plain.linkId()).isEmpty();
        assertThat(routed.serviceId()).isEqualTo("NOTHERE");
        assertThat(routed.feeCode()).isEqualTo("000050");
    }

    @Test
    void theLinkIdOfAnMoGoesIntoTheAppsRepliesToThatHandsetWithinTheWindow() {
        MoLinkIds linkIds = linkIds();
        SubmitMapper mapper = mapper(0, linkIds);
        linkIds.remember("shop", MOBILE, "LINK-0001");

        assertThat(mapper.submit(1, sms("shop", MOBILE, 0, 1), 0).linkId()).isEqualTo("LINK-0001");
        assertThat(mapper.submit(2, sms("other", MOBILE, 0, 1), 0).linkId()).as("another app").isEmpty();
        assertThat(mapper.submit(3, sms("shop", "13700137000", 0, 1), 0).linkId()).as("another handset").isEmpty();
        clock.advance(Duration.ofMinutes(10));
        assertThat(mapper.submit(4, sms("shop", MOBILE, 0, 1), 0).linkId()).as("at the window's end")
            .isEqualTo("LINK-0001");
        clock.advance(Duration.ofMillis(1));
        assertThat(mapper.submit(5, sms("shop", MOBILE, 0, 1), 0).linkId()).as("after the window").isEmpty();
        assertThat(linkIds.size()).isZero();
    }

    @Test
    void linkIdsAreBoundedAndTheOldestMoIsForgottenFirst() {
        MoLinkIds linkIds = linkIds();
        linkIds.remember("shop", "13800000001", "L1");
        linkIds.remember("shop", "13800000002", "L2");
        linkIds.remember("shop", "13800000003", "L3");
        linkIds.remember("shop", "13800000001", "L1b");
        linkIds.remember("shop", "13800000004", "L4");

        assertThat(linkIds.size()).isEqualTo(3);
        assertThat(linkIds.linkIdFor("shop", "13800000002")).as("oldest, evicted").isEmpty();
        assertThat(linkIds.linkIdFor("shop", "13800000001")).as("renewed by its later MO").isEqualTo("L1b");
        assertThat(linkIds.linkIdFor("shop", "13800000004")).isEqualTo("L4");
    }

    @Test
    void aZeroWindowRemembersNothing() {
        MoLinkIds off = new MoLinkIds(0, clock::nanoTime, 3);
        off.remember("shop", MOBILE, "LINK-0001");

        assertThat(off.enabled()).isFalse();
        assertThat(off.size()).isZero();
        assertThat(off.linkIdFor("shop", MOBILE)).isEmpty();
    }
}
