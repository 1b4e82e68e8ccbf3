package org.cmppgw.gateway.intake;

import org.cmppgw.gateway.config.TemplateConfig;
import org.cmppgw.gateway.model.MobileNumbers;
import org.cmppgw.gateway.model.TemplateType;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The small parts admission is made of, without a server. */
class AdmissionPartsTest {

    @Test
    void mobilesAreNormalisedToElevenDigits() {
        assertThat(MobileNumbers.normalize("13800138000")).isEqualTo("13800138000");
        assertThat(MobileNumbers.normalize("+8619912345678")).isEqualTo("19912345678");
        assertThat(MobileNumbers.normalize("8615012345678")).isEqualTo("15012345678");
        for (String bad : new String[] {"", "1", "10800138000", "12800138000", "1380013800x", "+8613800138000x",
            "0013800138000", "138 0013 8000", "１3800138000"}) {
            assertThat(MobileNumbers.normalize(bad)).as(bad).isNull();
        }
    }

    @Test
    void templatesRenderEveryVariableOnceAndRefuseMissingOnes() {
        MessageTemplate t = MessageTemplate.compile(
            new TemplateConfig(1, "Hi {{ name }}, code {{code}} ({{code}}) {{not a var}} {{", true, TemplateType.CODE));

        assertThat(t.render(Map.of("name", "Li", "code", "{{name}}")))
            .isEqualTo("Hi Li, code {{name}} ({{name}}) {{not a var}} {{");
        assertThat(t.render(Map.of("name", "Li"))).isNull();
        assertThat(t.render(null)).isNull();
        Map<String, String> withNull = new HashMap<>();
        withNull.put("name", "Li");
        withNull.put("code", null);
        assertThat(t.render(withNull)).isNull();
        assertThat(MessageTemplate.compile(new TemplateConfig(2, "plain", true, TemplateType.NOTIFICATION))
            .render(null)).isEqualTo("plain");
    }

    @Test
    void theAppRequestRateAllowsOneSecondsWorthThenRefillsWithTime() {
        AtomicLong now = new AtomicLong(-5_000_000_000L);
        AppRequestRate limiter = new AppRequestRate(4, now::get);

        for (int i = 0; i < 4; i++) {
            assertThat(limiter.tryAcquire()).as("request %d", i).isTrue();
        }
        assertThat(limiter.tryAcquire()).isFalse();
        now.addAndGet(250_000_000L);
        assertThat(limiter.tryAcquire()).isTrue();
        assertThat(limiter.tryAcquire()).isFalse();
        now.addAndGet(10_000_000_000L);
        for (int i = 0; i < 4; i++) {
            assertThat(limiter.tryAcquire()).isTrue();
        }
        assertThat(limiter.tryAcquire()).as("idle time does not bank more than the burst").isFalse();
    }
}
