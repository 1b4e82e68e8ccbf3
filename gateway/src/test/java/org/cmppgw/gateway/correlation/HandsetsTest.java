package org.cmppgw.gateway.correlation;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class HandsetsTest {
    @ParameterizedTest(name = "{0} vs {1}: {2}")
    @CsvSource({
        "13800138000, 13800138000, true",
        "8613800138000, 13800138000, true",
        "+8613800138000, 13800138000, true",
        "008613800138000, 13800138000, true",
        "13800138000, +8613800138000, true",
        "'', 13800138000, true",
        "'  ', 13800138000, true",
        "13900000001, 13800138000, false",
        "99913800138000, 13800138000, true",
        "12345613800138000, 13800138000, false",
        "38000, 13800138000, false",
        "913800138000, 813800138000, false",
    })
    void comparesTheDigitsAllowingACountryCodeInFront(String reported, String sentTo, boolean same) {
        assertThat(Handsets.same(reported, sentTo)).isEqualTo(same);
    }
}
