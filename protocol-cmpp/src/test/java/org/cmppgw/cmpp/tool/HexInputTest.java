package org.cmppgw.cmpp.tool;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What operators paste: hex in any case and grouping, with 0x prefixes and # comments. */
class HexInputTest {
    private static final byte[] BYTES = {0x00, 0x00, 0x00, 0x0d, (byte) 0x80, 0x00, 0x00, 0x08, (byte) 0xab};

    @ParameterizedTest
    @ValueSource(strings = {"0000000d80000008ab", "0000000D80000008AB", "0x0000000d 0X80000008 0xab",
        " 00 00 00 0d\n80 00 00 08\r\n\tab ", "0000000d # Total_Length 13\n80000008 # 0xff\nab"})
    void toleratesWhitespaceCasePrefixesAndComments(String text) {
        assertThat(HexInput.parse(text)).containsExactly(BYTES);
    }

    @Test
    void namesTheFirstProblem() {
        assertThatThrownBy(() -> HexInput.parse("00 0g")).hasMessage("hex: 'g' at character 5 (expected: 0-9, a-f, "
            + "A-F)");
        assertThatThrownBy(() -> HexInput.parse("00\u0001")).hasMessageStartingWith("hex: '\\u0001' at character 3");
        assertThatThrownBy(() -> HexInput.parse("０１")).hasMessageStartingWith("hex: '０' at character 1");
        assertThatThrownBy(() -> HexInput.parse("abc")).hasMessage("hex: 3 digits (expected: an even number, two "
            + "per byte)");
        assertThatThrownBy(() -> HexInput.parse(" \n# only a comment")).hasMessage("hex: no digits (expected: a PDU "
            + "as hex, header included)");
        assertThatThrownBy(() -> HexInput.parse("")).hasMessageStartingWith("hex: no digits");
        // 0x only prefixes a group: inside one it is not a digit
        assertThatThrownBy(() -> HexInput.parse("0x0x")).hasMessageStartingWith("hex: 'x' at character 4");
    }
}
