package org.cmppgw.gateway.callback;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The form encoding of callback bodies gives exactly what {@link URLEncoder} gives with UTF-8. */
class FormEncodingTest {
    private static String encoded(String value) {
        StringBuilder out = new StringBuilder();
        FormEncoding.append(out, value);
        return out.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "plain-text_1.0*", "a b", "{\"msgId\":\"1234\",\"status\":4001,\"stat\":\"DELIVRD\"}",
        "您的验证码为123456，5分钟内有效。", "é ß ©", "\u07FF\u0800\uFFFF", "emoji \uD83D\uDE00 end", "100% & ~ + = ?",
        "\uD83D", "x\uDE00y", "\uDE00\uD83D", "high at end \uD83D", "tab\tline\nreturn\r"
    })
    void matchesUrlEncoder(String value) {
        assertThat(encoded(value)).isEqualTo(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    @Test
    void matchesUrlEncoderForEveryAsciiCharacter() {
        for (char c = 0; c < 0x80; c++) {
            String value = String.valueOf(c);
            assertThat(encoded(value)).as("U+%04X", (int) c)
                .isEqualTo(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    @Test
    void matchesUrlEncoderForRandomTextOfEveryWidthIncludingBrokenSurrogates() {
        Random random = new Random(20261205);
        // ASCII, two-byte, three-byte, surrogates (paired by chance or not)
        int[][] ranges = {{0x20, 0x7F}, {0x80, 0x800}, {0x800, 0xD800}, {0xD800, 0xE000}, {0xE000, 0x10000}};
        for (int n = 0; n < 20_000; n++) {
            StringBuilder value = new StringBuilder();
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                int[] range = ranges[random.nextInt(ranges.length)];
                value.append((char) (range[0] + random.nextInt(range[1] - range[0])));
                if (random.nextInt(8) == 0) {
                    value.appendCodePoint(0x10000 + random.nextInt(0x100000));
                }
            }
            String text = value.toString();
            assertThat(encoded(text)).as("%s", text.chars().mapToObj(Integer::toHexString).toList())
                .isEqualTo(URLEncoder.encode(text, StandardCharsets.UTF_8));
        }
    }
}
