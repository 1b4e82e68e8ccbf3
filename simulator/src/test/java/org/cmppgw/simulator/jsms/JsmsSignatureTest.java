package org.cmppgw.simulator.jsms;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsmsSignatureTest {
    // printf 'appKey=demo-app-key&appMasterSecret=demo-master-secret&nonce=123456&timestamp=1700000000000' | sha1sum
    private static final String EXPECTED = "21751ce606a839fe2961eaf8ce9cd9a93f167516";

    @Test
    void signsTheJsmsStringAsLowercaseHexSha1() {
        JsmsSignature signature = new JsmsSignature("demo-app-key", "demo-master-secret");

        assertThat(signature.sign("123456", "1700000000000")).isEqualTo(EXPECTED);
        assertThat(signature.verify("123456", "1700000000000", EXPECTED)).isTrue();
    }

    @Test
    void rejectsAnyChange() {
        JsmsSignature signature = new JsmsSignature("demo-app-key", "demo-master-secret");

        assertThat(signature.verify("123457", "1700000000000", EXPECTED)).isFalse();
        assertThat(signature.verify("123456", "1700000000000", EXPECTED.toUpperCase())).isFalse();
        assertThat(new JsmsSignature("demo-app-key", "other").verify("123456", "1700000000000", EXPECTED)).isFalse();
        assertThat(signature.toString()).doesNotContain("demo-master-secret");
    }
}
