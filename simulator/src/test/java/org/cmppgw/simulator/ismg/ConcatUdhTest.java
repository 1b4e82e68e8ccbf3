package org.cmppgw.simulator.ismg;

import org.cmppgw.cmpp.pdu.MsgContent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConcatUdhTest {
    @Test
    void headerIsTheSixByteConcatenationElement() {
        assertThat(ConcatUdh.header(0xA7, 3, 2)).containsExactly(0x05, 0x00, 0x03, 0xA7, 0x03, 0x02);
        assertThatThrownBy(() -> ConcatUdh.header(1, 2, 3))
            .hasMessage("part: 3/2 (expected: 1 <= number <= total <= 255)");
    }

    @Test
    void seventyCharactersFitOnePartWithoutUdh() {
        String text = "中".repeat(70);

        List<MsgContent> parts = ConcatUdh.ucs2Parts(text, 1);

        assertThat(parts).singleElement().satisfies(p -> {
            assertThat(p.length()).isEqualTo(140);
            assertThat(new String(p.toByteArray(), StandardCharsets.UTF_16BE)).isEqualTo(text);
        });
    }

    @Test
    void longTextSplitsInto67CharacterPartsThatJoinBack() {
        String text = "中".repeat(150);

        List<MsgContent> parts = ConcatUdh.ucs2Parts(text, 9);

        assertThat(parts).hasSize(3);
        assertThat(parts.get(0).length()).isEqualTo(6 + 134);
        assertThat(parts.get(2).length()).isEqualTo(6 + 16 * 2);
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            byte[] bytes = parts.get(i).toByteArray();
            assertThat(ConcatUdh.read(parts.get(i))).isEqualTo(new ConcatUdh.Concat(9, 3, i + 1));
            joined.append(new String(Arrays.copyOfRange(bytes, 6, bytes.length), StandardCharsets.UTF_16BE));
        }
        assertThat(joined.toString()).isEqualTo(text);
    }

    @Test
    void neverCutsASurrogatePair() {
        // 66 BMP characters, then an emoji (a surrogate pair) across the 67-unit boundary.
        String text = "a".repeat(66) + "😀" + "b".repeat(10);

        List<MsgContent> parts = ConcatUdh.ucs2Parts(text, 0);

        assertThat(parts.get(0).length()).isEqualTo(6 + 66 * 2);
        byte[] second = parts.get(1).toByteArray();
        assertThat(new String(Arrays.copyOfRange(second, 6, second.length), StandardCharsets.UTF_16BE))
            .isEqualTo("😀" + "b".repeat(10));
    }

    @Test
    void readsSixteenBitReferencesAndSkipsOtherElements() {
        // Port addressing (IEI 05, 4 bytes) first, then a 16-bit concatenation element.
        MsgContent content = MsgContent.ofHex("0c" + "0504" + "0b8423f0" + "0804" + "1234" + "02" + "01" + "ffff");

        assertThat(ConcatUdh.read(content)).isEqualTo(new ConcatUdh.Concat(0x1234, 2, 1));
        assertThat(ConcatUdh.read(MsgContent.ofHex("0605040b8423f0" + "00"))).isEqualTo(ConcatUdh.Concat.NONE);
        assertThat(ConcatUdh.Concat.NONE.present()).isFalse();
    }

    @Test
    void udhRunningPastItsEndIsMalformed() {
        assertThat(ConcatUdh.read(MsgContent.EMPTY)).isEqualTo(ConcatUdh.Concat.MALFORMED);
        assertThat(ConcatUdh.read(MsgContent.ofHex("0500030a02"))).isEqualTo(ConcatUdh.Concat.MALFORMED);
        assertThat(ConcatUdh.read(MsgContent.ofHex("03000301" + "0000"))).isEqualTo(ConcatUdh.Concat.MALFORMED);
        assertThat(ConcatUdh.read(MsgContent.ofHex("0100" + "00"))).isEqualTo(ConcatUdh.Concat.MALFORMED);
    }
}
