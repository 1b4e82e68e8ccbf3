package org.cmppgw.gateway.clicks;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tracking tokens (docs/api.md "Click tracking"): their form, their randomness, and what a tracking URL may carry. */
final class ClickTokenTest {
    private final SecureRandom random = new SecureRandom();

    @Test
    void aTokenIsBase64urlOfItsRandomBytes() {
        ClickToken token = ClickToken.random(random, 16);
        assertThat(token.text()).hasSize(22).matches("[A-Za-z0-9_-]{22}");
        assertThat(token.bytes()).hasSize(16);
        assertThat(ClickToken.random(random, 32).text()).hasSize(43);
        assertThat(ClickToken.length(16)).isEqualTo(22);
        assertThat(ClickToken.length(24)).isEqualTo(32);
    }

    @Test
    void tokensDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            assertThat(seen.add(ClickToken.random(random, 16).text())).isTrue();
        }
    }

    @Test
    void onlyTheCanonicalTextOfTheConfiguredLengthParses() {
        ClickToken token = ClickToken.random(random, 16);
        assertThat(ClickToken.parse(token.text(), 16)).isEqualTo(token);
        assertThat(ClickToken.parse(token.text(), 32)).as("another length").isNull();
        assertThat(ClickToken.parse(null, 16)).isNull();
        assertThat(ClickToken.parse("", 16)).isNull();
        assertThat(ClickToken.parse(token.text().substring(1), 16)).isNull();
        assertThat(ClickToken.parse(token.text().substring(0, 21) + "=", 16)).as("padding").isNull();
        assertThat(ClickToken.parse(token.text().substring(0, 21) + "+", 16)).as("base64, not base64url").isNull();
        assertThat(ClickToken.parse("..%2F..%2Fetc%2Fpasswd_x", 16)).isNull();
        // 16 bytes leave 4 unused bits in the last character: only the form with them zero is the token
        char last = token.text().charAt(21);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char other = alphabet.charAt(alphabet.indexOf(last) ^ 1);
        assertThat(ClickToken.parse(token.text().substring(0, 21) + other, 16)).isNull();
    }

    @Test
    void aMalformedTokenIsRefusedWithItsValue() {
        assertThatThrownBy(() -> new ClickToken("short"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("text: short (expected: base64url of 16..32 bytes)");
    }
}
