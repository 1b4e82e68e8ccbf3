package org.cmppgw.gateway.dispatch;

import org.cmppgw.gateway.model.Channel;
import org.cmppgw.gateway.model.MessagePriority;
import org.cmppgw.gateway.config.RouteRule;
import org.cmppgw.gateway.config.RoutingConfig;
import org.cmppgw.gateway.provider.OutboundSms;
import org.cmppgw.gateway.provider.Provider;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouterTest {
    private final FakeProvider cmcc = new FakeProvider("cmcc");
    private final FakeProvider unicom = new FakeProvider("unicom");
    private final FakeProvider spare = new FakeProvider("spare");
    private final Map<String, Provider> providers = new LinkedHashMap<>(Map.of("cmcc", cmcc, "unicom", unicom,
        "spare", spare));

    private Router router(List<RouteRule> rules) {
        return new Router(new RoutingConfig("cmcc", "spare", rules), providers);
    }

    @Test
    void firstRuleWhoseConditionsAllMatchWins() {
        Router router = router(List.of(
            new RouteRule(List.of("130", "131"), List.of(), List.of(), "unicom", ""),
            new RouteRule(List.of(), List.of("vip"), List.of(MessagePriority.HIGH), "spare", "")));

        assertThat(router.route(Channel.SMS, "app", "13012345678", MessagePriority.LOW)).isSameAs(unicom);
        assertThat(router.route(Channel.SMS, "vip", "13912345678", MessagePriority.HIGH)).isSameAs(spare);
        assertThat(router.route(Channel.SMS, "vip", "13912345678", MessagePriority.NORMAL))
            .as("priority differs: default").isSameAs(cmcc);
        assertThat(router.route(Channel.SMS, "app", "13912345678", MessagePriority.HIGH)).isSameAs(cmcc);
    }

    @Test
    void globalSmsNumbersFollowTheirCountryCodeRuleAndMainlandRulesNeverMatchThem() {
        Router router = router(List.of(
            new RouteRule(List.of("130"), List.of(), List.of(), "unicom", ""),
            new RouteRule(List.of("00852", "00853"), List.of(), List.of(), "spare", "")));

        assertThat(router.route(Channel.SMS, "app", "0085266661234", MessagePriority.NORMAL)).isSameAs(spare);
        assertThat(router.route(Channel.SMS, "app", "0085362661234", MessagePriority.NORMAL)).isSameAs(spare);
        assertThat(router.route(Channel.SMS, "app", "13012345678", MessagePriority.NORMAL)).isSameAs(unicom);
        assertThat(router.rule(Channel.SMS, "app", "0085266661234", MessagePriority.NORMAL)).isEqualTo(1);
    }

    @Test
    void backupTakesOverOnlyWhileTheProviderIsDownAndTheBackupIsUp() {
        Router router = router(List.of(new RouteRule(List.of("130"), List.of(), List.of(), "unicom", "cmcc")));

        unicom.available = false;
        assertThat(router.route(Channel.SMS, "app", "13012345678", MessagePriority.NORMAL)).isSameAs(cmcc);
        cmcc.available = false;
        assertThat(router.route(Channel.SMS, "app", "13012345678", MessagePriority.NORMAL))
            .as("both down: wait for unicom").isSameAs(unicom);
        assertThat(router.route(Channel.SMS, "app", "13912345678", MessagePriority.NORMAL)).as("default's backup")
            .isSameAs(spare);
        unicom.available = true;
        assertThat(router.route(Channel.SMS, "app", "13012345678", MessagePriority.NORMAL)).isSameAs(unicom);
    }

    @Test
    void theMatchedRuleIsItsIndexInTheConfigurationWhicheverProviderSends() {
        Router router = router(List.of(
            new RouteRule(List.of("130"), List.of(), List.of(), "unicom", "cmcc"),
            new RouteRule(List.of(), List.of("vip"), List.of(), "spare", "")));

        unicom.available = false;
        assertThat(router.rule(Channel.SMS, "app", "13012345678", MessagePriority.NORMAL)).as("backup sends").isZero();
        assertThat(router.rule(Channel.SMS, "vip", "13912345678", MessagePriority.NORMAL)).isEqualTo(1);
        assertThat(router.rule(Channel.SMS, "app", "13912345678", MessagePriority.NORMAL))
            .isEqualTo(OutboundSms.NO_ROUTE);
    }

    @Test
    void aPlacementIsTheRuleThePrimaryAndTheProviderOfNowFromOneMatch() {
        Router router = router(List.of(new RouteRule(List.of("130"), List.of(), List.of(), "unicom", "cmcc")));
        unicom.available = false;

        Router.Placement ruled = router.place(Channel.SMS, "app", "13012345678", MessagePriority.NORMAL);
        Router.Placement unruled = router.place(Channel.SMS, "app", "13912345678", MessagePriority.NORMAL);

        assertThat(ruled).isEqualTo(new Router.Placement(0, unicom, cmcc));
        assertThat(unruled).isEqualTo(new Router.Placement(OutboundSms.NO_ROUTE, cmcc, cmcc));
        assertThat(router.stalled()).isEmpty();
        cmcc.available = false;
        assertThat(router.stalled()).as("unicom's backup is down too; cmcc still has spare")
            .containsExactly("unicom");
    }

    @Test
    void unknownProviderNamesAreRefusedWithTheirPath() {
        assertThatThrownBy(() -> router(List.of(new RouteRule(List.of(), List.of(), List.of(), "nope", ""))))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("routing.rules[0].provider: \"nope\"");
    }

    @Test
    void aMessageOnlyEverGoesToAProviderOfItsChannel() {
        FakeProvider mail = new FakeProvider("mail", Channel.EMAIL);
        FakeProvider mailSpare = new FakeProvider("mail-spare", Channel.EMAIL);
        providers.put("mail", mail);
        providers.put("mail-spare", mailSpare);
        Router router = router(List.of(
            new RouteRule(List.of(), List.of("shop"), List.of(), "mail", "mail-spare"),
            new RouteRule(List.of("130"), List.of(), List.of(), "unicom", "")));

        assertThat(router.route(Channel.SMS, "shop", "13912345678", MessagePriority.NORMAL))
            .as("the shop rule names an email provider: not for an SMS").isSameAs(cmcc);
        assertThat(router.route(Channel.SMS, "shop", "13912345678", MessagePriority.NORMAL)).as("SMS by default")
            .isSameAs(cmcc);
        assertThat(router.route(Channel.EMAIL, "shop", "a@example.com", MessagePriority.NORMAL)).isSameAs(mail);
        assertThat(router.route(Channel.EMAIL, "other", "130@example.com", MessagePriority.NORMAL))
            .as("SMS rules never match an email; the default is SMS, so the first email provider").isSameAs(mail);
        mail.available = false;
        assertThat(router.route(Channel.EMAIL, "shop", "a@example.com", MessagePriority.NORMAL)).isSameAs(mailSpare);
        assertThat(router.route(Channel.EMAIL, "other", "a@example.com", MessagePriority.NORMAL))
            .as("the SMS default's backup never takes an email").isSameAs(mail);
        assertThat(router.serves(Channel.EMAIL)).isTrue();
    }

    @Test
    void aChannelWithoutProvidersIsRefusedAndABackupMustServeItsProvidersChannel() {
        Router router = router(List.of());

        assertThat(router.serves(Channel.EMAIL)).isFalse();
        assertThatThrownBy(() -> router.route(Channel.EMAIL, "app", "a@example.com", MessagePriority.NORMAL))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("channel: EMAIL (expected: one of [SMS], the channels of the configured providers)");
        providers.put("mail", new FakeProvider("mail", Channel.EMAIL));
        assertThatThrownBy(() -> router(List.of(new RouteRule(List.of(), List.of(), List.of(), "unicom", "mail"))))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("routing.rules[0].backup: \"mail\" (expected: a provider of channel SMS");
    }

    private static final class FakeProvider implements Provider {
        private final String name;
        private final Channel channel;
        boolean available = true;

        FakeProvider(String name) {
            this(name, Channel.SMS);
        }

        FakeProvider(String name, Channel channel) {
            this.name = name;
            this.channel = channel;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Channel channel() {
            return channel;
        }

        @Override
        public boolean isAvailable() {
            return available;
        }

        @Override
        public void enqueue(OutboundSms sms) {
        }

        @Override
        public int queuedParts() {
            return 0;
        }

        @Override
        public void start() {
        }

        @Override
        public CompletableFuture<Void> shutdown() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public List<OutboundSms> takeBackUnsent(Predicate<? super OutboundSms> which) {
            return List.of();
        }
    }
}
