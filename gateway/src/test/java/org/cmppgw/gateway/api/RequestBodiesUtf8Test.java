package org.cmppgw.gateway.api;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The API's UTF-8 check: strict, as JSON bodies need (RFC 8259 §8.1). */
class RequestBodiesUtf8Test {
    @Test
    void wellFormedTextOfOneToFourBytesPerCharacterPasses() {
        assertThat(RequestBodies.isUtf8("{\"content\":\"退订 TD café 😀\"}".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(RequestBodies.isUtf8(new byte[0])).isTrue();
    }

    @Test
    void overlongFormsEncodedSurrogatesTruncatedSequencesAndStrayBytesFail() {
        assertThat(RequestBodies.isUtf8(bytes(0x22, 0xC0, 0xAF, 0x22))).as("overlong '/'").isFalse();
        assertThat(RequestBodies.isUtf8(bytes(0x22, 0xED, 0xA0, 0x80, 0x22))).as("surrogate U+D800").isFalse();
        assertThat(RequestBodies.isUtf8(bytes(0x22, 0xE4, 0xB8))).as("truncated at the end").isFalse();
        assertThat(RequestBodies.isUtf8(bytes(0x22, 0x80, 0x22))).as("stray continuation byte").isFalse();
        assertThat(RequestBodies.isUtf8(bytes(0xF4, 0x90, 0x80, 0x80))).as("above U+10FFFF").isFalse();
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
