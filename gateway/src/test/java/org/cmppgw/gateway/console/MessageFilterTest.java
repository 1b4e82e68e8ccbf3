package org.cmppgw.gateway.console;

import org.cmppgw.gateway.model.MessageStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class MessageFilterTest {
    private static MessageFilter parse(String... pairs) {
        Map<String, List<String>> query = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            query.put(pairs[i], List.of(pairs[i + 1]));
        }
        return MessageFilter.parse(query);
    }

    @Test
    void anEmptyQueryIsNoFilter() {
        assertThat(parse()).isEqualTo(MessageFilter.NONE);
        assertThat(MessageFilter.NONE.narrowed()).isFalse();
    }

    @Test
    void readsEveryField() {
        MessageFilter f = parse("msg_id", "912171048038825984", "mobile", " 13800138000 ", "app", "demo-app-key",
            "status", "delivered", "from", "2026-12-04T10:00", "to", "2026-12-04T11:00");
        assertThat(f.msgId()).isEqualTo(912171048038825984L);
        assertThat(f.mobile()).isEqualTo("13800138000");
        assertThat(f.appKey()).isEqualTo("demo-app-key");
        assertThat(f.status()).isEqualTo(MessageStatus.DELIVERED);
        assertThat(f.from()).isEqualTo(Instant.parse("2026-12-04T10:00:00Z").toEpochMilli());
        assertThat(f.to()).isEqualTo(Instant.parse("2026-12-04T11:00:00Z").toEpochMilli());
        assertThat(f.narrowed()).isTrue();
    }

    @Test
    void badInputSaysWhatWasExpected() {
        assertThatThrownBy(() -> parse("msg_id", "12x")).hasMessage("msg_id: 12x (expected: a positive number)");
        assertThatThrownBy(() -> parse("msg_id", "-3")).hasMessage("msg_id: -3 (expected: a positive number)");
        assertThatThrownBy(() -> parse("status", "lost"))
            .hasMessage("status: lost (expected: accepted, submitted, delivered or failed)");
        assertThatThrownBy(() -> parse("from", "yesterday"))
            .hasMessage("from: yesterday (expected: yyyy-MM-ddTHH:mm, UTC)");
        assertThatThrownBy(() -> parse("from", "2026-12-04T11:00", "to", "2026-12-04T10:00"))
            .hasMessage("to: must be after from");
        assertThatThrownBy(() -> parse("mobile", "1".repeat(65))).hasMessage("mobile: at most 64 characters");
    }

    @Test
    void theNextPageKeepsTheFilterAndStartsBelowTheLastRow() {
        MessageFilter f = parse("mobile", "13800138000", "app", "a b", "status", "failed", "from", "2026-12-04T10:00");
        assertThat(f.nextPage(42)).isEqualTo("?before=42&mobile=13800138000&app=a+b&status=failed"
            + "&from=2026-12-04T10%3A00");
        assertThat(parse("before", "42", "mobile", "13800138000").before()).isEqualTo(42);
    }

    @Test
    void positiveNumbersOnly() {
        assertThat(ConsoleRequest.positive("17")).isEqualTo(17);
        assertThat(ConsoleRequest.positive("0")).isEqualTo(-1);
        assertThat(ConsoleRequest.positive("1e3")).isEqualTo(-1);
        assertThat(ConsoleRequest.positive("99999999999999999999")).isEqualTo(-1);
        assertThat(ConsoleRequest.positive("9999999999999999999")).isEqualTo(-1);
        assertThat(ConsoleRequest.positive(null)).isEqualTo(-1);
    }
}
