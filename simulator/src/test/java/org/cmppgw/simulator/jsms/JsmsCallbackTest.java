package org.cmppgw.simulator.jsms;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsmsCallbackTest {
    @Test
    void dataJsonParsesOneDocument() {
        JsmsCallback callback = callback("{\"msgId\":\"912166822986383360\",\"status\":4001}");

        assertThat(callback.dataJson()).hasValueSatisfying(node -> {
            assertThat(node.get("msgId").asText()).isEqualTo("912166822986383360");
            assertThat(node.get("status").asInt()).isEqualTo(4001);
        });
    }

    @Test
    void dataJsonIsEmptyForAnythingElse() {
        assertThat(callback("").dataJson()).isEmpty();
        assertThat(callback("not json").dataJson()).isEmpty();
        assertThat(callback("{\"a\":1} {\"b\":2}").dataJson()).isEmpty();
        assertThat(callback("{\"a\":").dataJson()).isEmpty();
    }

    @Test
    void everyFieldIsRequired() {
        assertThatThrownBy(() -> new JsmsCallback("SMS_REPORT", null, "2", "s", "{}"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("nonce: null (expected: the form field's value)");
        assertThat(JsmsCallback.FIELDS).containsExactlyInAnyOrder("nonce", "timestamp", "signature", "type", "data");
    }

    private static JsmsCallback callback(String data) {
        return new JsmsCallback("SMS_REPORT", "1", "2", "0".repeat(40), data);
    }
}
