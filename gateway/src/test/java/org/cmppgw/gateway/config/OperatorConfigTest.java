package org.cmppgw.gateway.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An operator's allowed addresses and request rate (docs/api.md "Operator API"), read and checked like an app's. */
final class OperatorConfigTest {
    private static final String BASE = String.join("\n",
        "apps: [{appKey: a, masterSecret: s, callbackUrls: [{url: 'http://127.0.0.1:9/cb', default: true}]}]",
        "providers: [{name: p, host: 127.0.0.1, port: 7890, account: '901234', password: pw, accessNumber: '1069'}]",
        "operators: [{name: reviewer, password: operator-password}]",
        "");

    @Test
    void anOperatorMayCallFromAnywhereAtAnyRateByDefault() {
        OperatorConfig operator = new ConfigLoader(Map.of()).parse(BASE, List.of()).operators().get(0);

        assertThat(operator.allowedIps()).isEmpty();
        assertThat(operator.rateLimit()).isZero();
    }

    @Test
    void allowedIpsAndRateLimitAreReadAndChecked() {
        OperatorConfig operator = new ConfigLoader(Map.of()).parse(BASE,
            List.of("operators[0].allowedIps=[10.0.0.0/8, ::1]", "operators[0].rateLimit=5")).operators().get(0);
        assertThat(operator.allowedIps()).containsExactly("10.0.0.0/8", "::1");
        assertThat(operator.rateLimit()).isEqualTo(5);

        assertThatThrownBy(() -> new ConfigLoader(Map.of()).parse(BASE,
            List.of("operators[0].allowedIps=[example.com]")))
            .hasMessageContaining("operators[0].allowedIps[0]: \"example.com\" (expected: an IP address or CIDR block");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).parse(BASE,
            List.of("operators[0].rateLimit=-1")))
            .hasMessageContaining("operators[0].rateLimit: -1 (expected: >= 0)");
    }

    @Test
    void toStringNeverShowsThePassword() {
        assertThat(new OperatorConfig("reviewer", Secret.of("operator-password"), List.of("10.0.0.1"), 3))
            .asString().doesNotContain("operator-password");
    }
}
