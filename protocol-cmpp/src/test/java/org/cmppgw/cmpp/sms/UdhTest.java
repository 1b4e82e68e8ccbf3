package org.cmppgw.cmpp.sms;

import org.cmppgw.cmpp.pdu.MsgContent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UdhTest {

    @Test
    void parsesTheEightBitConcatHeaderOfTheLongSubmitVector() {
        Udh udh = Udh.parse(MsgContent.ofHex("0500035a0201" + "5c0a656c"));

        assertThat(udh.length()).isEqualTo(6);
        assertThat(udh.concat()).contains(new ConcatInfo(ReferenceWidth.EIGHT_BIT, 0x5a, 2, 1));
        assertThat(udh.addressesApplicationPort()).isFalse();
    }

    @Test
    void parsesTheSixteenBitConcatHeader() {
        Udh udh = Udh.parse(MsgContent.ofHex("0608041234030200410042"));

        assertThat(udh.length()).isEqualTo(7);
        assertThat(udh.concat()).contains(new ConcatInfo(ReferenceWidth.SIXTEEN_BIT, 0x1234, 3, 2));
    }

    @Test
    void walksAllElementsToFindConcatBehindApplicationPorts() {
        // UDHL 11: IEI 0x05 (ports 0x0b84 <- 0x23f0), then IEI 0x00 (ref 0x7f, 2 parts, part 2), WAP push style.
        Udh udh = Udh.parse(MsgContent.ofHex("0b05040b8423f0" + "00037f0202" + "0106"));

        assertThat(udh.elements()).extracting(InformationElement::iei).containsExactly(0x05, 0x00);
        assertThat(udh.elements().get(0).data()).isEqualTo(Bytes.ofHex("0b8423f0"));
        assertThat(udh.addressesApplicationPort()).isTrue();
        assertThat(udh.concat()).contains(new ConcatInfo(ReferenceWidth.EIGHT_BIT, 0x7f, 2, 2));
        assertThat(udh.length()).isEqualTo(12);
    }

    @Test
    void keepsUnknownElementsAndAcceptsAnEmptyHeader() {
        Udh udh = Udh.parse(MsgContent.ofHex("0470020102" + "41"));
        assertThat(udh.elements()).containsExactly(new InformationElement(0x70, Bytes.ofHex("0102")));
        assertThat(udh.concat()).isEmpty();

        Udh empty = Udh.parse(MsgContent.ofHex("0041"));
        assertThat(empty.elements()).isEmpty();
        assertThat(empty.length()).isEqualTo(1);
    }

    @Test
    void theLastOfRepeatedConcatElementsCounts() {
        Udh udh = Udh.parse(MsgContent.ofHex("0a000301020100030903" + "02"));
        assertThat(udh.concat()).contains(new ConcatInfo(ReferenceWidth.EIGHT_BIT, 9, 3, 2));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "empty content,                    ''",
        "UDHL beyond the content,          '0500035a02'",
        "UDHL beyond a 1-byte content,     '01'",
        "element without length byte,      '01000041'",
        "element overflowing UDHL,         '03000301'",
        "second element overflowing UDHL,  '0700035a020170024141'",
        "concat with total 0,              '0500035a000141'",
        "concat with number 0,             '0500035a020041'",
        "concat with number above total,   '0500035a020341'",
        "8-bit concat with 4 data bytes,   '06000412340201'",
        "16-bit concat with 3 data bytes,  '05080312020141'",
    })
    void rejectsInvalidHeadersWithAClearError(String what, String hex) {
        MsgContent content = MsgContent.ofHex(hex);
        assertThatThrownBy(() -> Udh.parse(content))
            .isInstanceOf(UdhException.class)
            .hasMessageStartingWith("UDH - ");
    }

    @Test
    void reportsWhatIsWrong() {
        assertThatThrownBy(() -> Udh.parse(MsgContent.ofHex("0900035a0201")))
            .hasMessage("UDH - UDHL 9 exceeds the content (5 bytes after UDHL)");
        assertThatThrownBy(() -> Udh.parse(MsgContent.ofHex("04000341020141")))
            .hasMessage("UDH - element 0x00 of 3 bytes at offset 1 overflows UDHL 4");
        assertThatThrownBy(() -> Udh.parse(MsgContent.ofHex("0500035a020341")))
            .hasMessage("UDH - concatenation part 3 of 2 (expected: total >= 1 and 1 <= number <= total)");
    }

    @Test
    void randomBytesNeverFailWithAnythingButUdhException() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[random.nextInt(12)];
            random.nextBytes(bytes);
            if (bytes.length > 0 && random.nextBoolean()) {
                bytes[0] = (byte) random.nextInt(bytes.length + 2); // plausible UDHL, to reach the element walk
            }
            MsgContent content = MsgContent.of(bytes);
            try {
                Udh udh = Udh.parse(content);
                assertThat(udh.length()).isLessThanOrEqualTo(bytes.length);
                assertThat(udh.toBytes()).isEqualTo(HexFormat.of().parseHex(content.toHex().substring(0,
                    2 * udh.length())));
            } catch (UdhException expected) {
                assertThat(expected.getMessage()).startsWith("UDH - ");
            }
        }
    }

    @Test
    void buildsSixAndSevenByteConcatHeaders() {
        assertThat(HexFormat.of().formatHex(Udh.concatHeader(ReferenceWidth.EIGHT_BIT, 0x5a, 2, 1)))
            .isEqualTo("0500035a0201");
        assertThat(HexFormat.of().formatHex(Udh.concatHeader(ReferenceWidth.SIXTEEN_BIT, 0xabcd, 255, 255)))
            .isEqualTo("060804abcdffff");
    }

    @Test
    void concatInfoRejectsImpossibleValues() {
        assertThatThrownBy(() -> new ConcatInfo(ReferenceWidth.EIGHT_BIT, 256, 2, 1))
            .hasMessage("reference: 256 (expected: 0..255)");
        assertThatThrownBy(() -> new ConcatInfo(ReferenceWidth.SIXTEEN_BIT, 1, 256, 1))
            .hasMessage("total: 256 (expected: 1..255)");
        assertThatThrownBy(() -> new ConcatInfo(ReferenceWidth.EIGHT_BIT, 1, 2, 3))
            .hasMessage("number: 3 (expected: 1..2)");
    }

    @Test
    void buildsAHeaderFromElements() {
        Udh udh = new Udh(List.of(new InformationElement(Udh.IEI_PORTS_16, Bytes.ofHex("0b8423f0")),
            new InformationElement(Udh.IEI_CONCAT_16, Bytes.ofHex("00010201"))));

        assertThat(HexFormat.of().formatHex(udh.toBytes())).isEqualTo("0c05040b8423f008040001" + "0201");
        assertThat(Udh.parse(MsgContent.of(udh.toBytes()))).isEqualTo(udh);
    }

    @Test
    void rejectsElementsLongerThanUdhlCanCount() {
        InformationElement big = new InformationElement(0x70, Bytes.of(new byte[200]));
        assertThatThrownBy(() -> new Udh(List.of(big, big)))
            .isInstanceOf(UdhException.class)
            .hasMessage("UDH - elements take 404 bytes (expected: UDHL at most 255)");
    }
}
