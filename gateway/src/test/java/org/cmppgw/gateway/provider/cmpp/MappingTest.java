package org.cmppgw.gateway.provider.cmpp;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.auth.CmppTimestamp;
import org.cmppgw.cmpp.pdu.CmppSubmit;
import org.cmppgw.cmpp.sms.Segmenter;
import org.cmppgw.cmpp.sms.SegmenterOptions;
import org.cmppgw.gateway.config.AppConfig;
import org.cmppgw.gateway.config.CallbackUrl;
import org.cmppgw.gateway.config.CircuitBreakerConfig;
import org.cmppgw.gateway.config.FlowControlConfig;
import org.cmppgw.gateway.config.OutcomeBatchConfig;
import org.cmppgw.gateway.model.MessagePriority;
import org.cmppgw.gateway.config.ProviderConfig;
import org.cmppgw.gateway.config.ReconnectConfig;
import org.cmppgw.gateway.config.Secret;
import org.cmppgw.gateway.metrics.ProviderMetrics;
import org.cmppgw.gateway.model.MobileNumbers;
import org.cmppgw.gateway.model.OutboundMessage;
import org.cmppgw.gateway.provider.DispatchListener;
import org.cmppgw.gateway.provider.OutboundSms;
import org.cmppgw.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pure pieces of a provider: SUBMIT mapping, MO routing, numbers, latency sampling, resilience settings. */
class MappingTest {
    private static final ProviderConfig PROVIDER = new ProviderConfig("cmcc-1", "", "", "127.0.0.1", 7890, "901234",
        new Secret("x"), "1069000001", 2, "SVC01", CmppVersion.V30, 16, 250, Duration.ofSeconds(30), 3,
        Duration.ofSeconds(60), 2, Duration.ofSeconds(5), new ReconnectConfig(Duration.ofSeconds(1),
        Duration.ofSeconds(60)), new CircuitBreakerConfig(50, 10, 4, Duration.ofSeconds(30), 2),
        FlowControlConfig.defaults(), OutcomeBatchConfig.defaults(), Duration.ofSeconds(15), CmppTimestamp.BEIJING);

    private static AppConfig app(String key) {
        return new AppConfig(key, new Secret("s"), List.of(new CallbackUrl("http://" + key + "/cb", true)), List.of(),
            0, 0);
    }

    @Test
    void everyPartIsASubmitWithTheProvidersFieldsAndAReportWanted() {
        SubmitMapper mapper = new SubmitMapper(PROVIDER, Map.of("shop", "77"));
        String text = "【签名】" + "长短信".repeat(40);
        OutboundMessage message = new OutboundMessage(42, "shop", "13800138000", text, 1, 5, null, 2, Instant.EPOCH);
        OutboundSms sms = new OutboundSms(message, new Segmenter(SegmenterOptions.defaults()).split(text),
            MessagePriority.NORMAL, DispatchListener.NONE);

        CmppSubmit second = mapper.submit(7, sms, 1);

        assertThat(second.sequenceId()).isEqualTo(7);
        assertThat(second.pkTotal()).isEqualTo(2);
        assertThat(second.pkNumber()).isEqualTo(2);
        assertThat(second.tpUdhi()).isEqualTo(1);
        assertThat(second.msgFmt()).isEqualTo(8);
        assertThat(second.registeredDelivery()).isEqualTo(1);
        assertThat(second.serviceId()).isEqualTo("SVC01");
        assertThat(second.msgSrc()).isEqualTo("901234");
        assertThat(second.srcId()).isEqualTo("106900000177");
        assertThat(second.feeUserType()).isEqualTo(2);
        assertThat(second.feeType()).isEqualTo("01");
        assertThat(second.feeCode()).isEqualTo("000000");
        assertThat(second.destTerminalIds()).containsExactly("13800138000");
        assertThat(mapper.srcId("other")).isEqualTo("1069000001");
    }

    @Test
    void anExtensionThatMakesSrcIdTooLongIsRefused() {
        assertThatThrownBy(() -> new SubmitMapper(PROVIDER, Map.of("shop", "123456789012")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("appExtensions.shop:");
    }

    @Test
    void moGoesToTheLongestMatchingExtensionElseTheFirstApp() {
        MoRouting routing = new MoRouting("1069000001", List.of(app("first"), app("shop"), app("shop-vip")),
            Map.of("shop", "7", "shop-vip", "77"));

        assertThat(routing.appFor("10690000017712").appKey()).isEqualTo("shop-vip");
        assertThat(routing.appFor("106900000171").appKey()).isEqualTo("shop");
        assertThat(routing.appFor("1069000001").appKey()).isEqualTo("first");
        assertThat(routing.appFor("10655").appKey()).isEqualTo("first");
        assertThat(new MoRouting("1069000001", List.of(), Map.of()).appFor("1069000001")).isNull();
    }

    @Test
    void chinaPrefixesAreDroppedFromElevenDigitMobiles() {
        assertThat(MobileNumbers.stripCountryCode("8613800138000")).isEqualTo("13800138000");
        assertThat(MobileNumbers.stripCountryCode("+8613800138000")).isEqualTo("13800138000");
        assertThat(MobileNumbers.stripCountryCode("13800138000")).isEqualTo("13800138000");
        assertThat(MobileNumbers.stripCountryCode("861234")).isEqualTo("861234");
    }

    @Test
    void sampledReportLatencyIsMeasuredOnceFromTheSubmitResponse() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-05T08:00:00Z"));
        List<Long> samples = new ArrayList<>();
        ReportLatency latency = new ReportLatency(new ProviderMetrics() {
            @Override
            public void submitToReport(long nanos) {
                samples.add(nanos);
            }
        }, clock::nanoTime);

        for (long id = 1; id <= 1600; id++) {
            latency.submitted(id);
        }
        clock.advance(Duration.ofNanos(5_000));
        for (long id = 1; id <= 1600; id++) {
            latency.reported(id);
            latency.reported(id);
        }

        assertThat(samples).hasSizeBetween(50, 150).containsOnly(5_000L);
    }

    @Test
    void tpsLimitBurstsAtMostAHundredthOfASecond() {
        RateLimiter fast = Resilience.rateLimiter("fast", 20_000);
        RateLimiter slow = Resilience.rateLimiter("slow", 7);

        assertThat(fast.getRateLimiterConfig().getLimitForPeriod()).isEqualTo(200);
        assertThat(fast.getRateLimiterConfig().getLimitRefreshPeriod()).isEqualTo(Duration.ofMillis(10));
        assertThat(slow.getRateLimiterConfig().getLimitForPeriod()).isEqualTo(1);
        assertThat(Resilience.refreshNanos(slow)).isEqualTo(1_000_000_000L / 7);
        int immediate = 0;
        while (fast.reservePermission() == 0) {
            immediate++;
        }
        // A full period's permits at once; more only when a period rolled over during the loop (a loaded machine).
        assertThat(immediate).isGreaterThanOrEqualTo(200);
    }

    @Test
    void breakerOpensOnConnectionFailuresAndMarksTheProviderDown() {
        CircuitBreaker breaker = Resilience.circuitBreaker("cmcc-1", PROVIDER.circuitBreaker());
        for (int i = 0; i < 4; i++) {
            breaker.onError(1, TimeUnit.MILLISECONDS, new IllegalStateException("refused"));
        }

        assertThat(Resilience.isOpen(breaker)).isTrue();
        Resilience.probe(breaker);
        assertThat(Resilience.isOpen(breaker)).as("still within its open duration").isTrue();
    }
}
