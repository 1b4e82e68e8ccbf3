package org.cmppgw.gateway.console;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

final class ConsoleSessionsTest {
    private final AtomicLong nanos = new AtomicLong(1_000);
    private final ConsoleSessions sessions = new ConsoleSessions(Duration.ofMinutes(30), nanos::get);

    @Test
    void aSessionKnowsItsOperatorAndAnUnguessableCsrfToken() {
        String token = sessions.open("alice");
        ConsoleSessions.Session session = sessions.find(token);
        assertThat(session.operator()).isEqualTo("alice");
        assertThat(session.csrf()).hasSize(43).isNotEqualTo(token);
        assertThat(sessions.find(token + "x")).isNull();
        assertThat(sessions.find(null)).isNull();
    }

    @Test
    void anUnusedSessionExpiresAndUseKeepsItAlive() {
        String token = sessions.open("alice");
        nanos.addAndGet(Duration.ofMinutes(29).toNanos());
        assertThat(sessions.find(token)).isNotNull();
        nanos.addAndGet(Duration.ofMinutes(29).toNanos());
        assertThat(sessions.find(token)).as("used 29 minutes ago").isNotNull();
        nanos.addAndGet(Duration.ofMinutes(31).toNanos());
        assertThat(sessions.find(token)).isNull();
    }

    @Test
    void closeEndsTheSession() {
        String token = sessions.open("alice");
        sessions.close(token);
        assertThat(sessions.find(token)).isNull();
    }

    @Test
    void theTableIsBoundedButExpiredSessionsMakeRoom() {
        for (int i = 0; i < ConsoleSessions.MAX_SESSIONS; i++) {
            assertThat(sessions.open("op" + i)).isNotNull();
        }
        assertThat(sessions.open("one-too-many")).isNull();
        nanos.addAndGet(Duration.ofMinutes(31).toNanos());
        assertThat(sessions.open("after-expiry")).isNotNull();
    }

    @Test
    void tokensCompareExactly() {
        assertThat(ConsoleSessions.sameToken("abc", "abc")).isTrue();
        assertThat(ConsoleSessions.sameToken("abc", "abd")).isFalse();
        assertThat(ConsoleSessions.sameToken("abc", null)).isFalse();
        assertThat(ConsoleSessions.sameToken(null, "abc")).isFalse();
    }
}
