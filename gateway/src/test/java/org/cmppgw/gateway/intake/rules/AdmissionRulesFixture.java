package org.cmppgw.gateway.intake.rules;

import org.cmppgw.gateway.config.AdmissionConfig;
import org.cmppgw.gateway.config.SendQuota;

import java.time.Duration;
import java.util.List;

/** Admission configurations for tests in other packages. */
public final class AdmissionRulesFixture {
    /** JSMS's limits, a 60 s repeat window, TD / T / 退订, no sensitive words. */
    public static final AdmissionConfig JSMS_DEFAULTS = new AdmissionConfig(new SendQuota(200, Duration.ofHours(24)),
        new SendQuota(3, Duration.ofMinutes(10)), new SendQuota(200, Duration.ofHours(24)),
        new SendQuota(3, Duration.ofMinutes(10)), Duration.ofSeconds(60), List.of("TD", "T", "退订"), List.of(),
        Duration.ofSeconds(5), false);

    private AdmissionRulesFixture() {
    }
}
