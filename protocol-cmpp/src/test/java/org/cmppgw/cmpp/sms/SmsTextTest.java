package org.cmppgw.cmpp.sms;

import org.cmppgw.cmpp.pdu.MsgContent;
import org.cmppgw.cmpp.pdu.MsgFmt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmsTextTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void encodesUcs2AsTheMoVectorDoes() {
        var vector = Vectors.vector("deliver_v30_mo_ucs2");
        String text = vector.get("inputs").get("text").asText();

        assertThat(HEX.formatHex(SmsText.encode(text, MsgFmt.UCS2)))
            .isEqualTo(vector.get("derived").get("ucs2_hex").asText());
    }

    @Test
    void encodesUcs2WithoutBomAndSurrogatePairsAsFourBytes() {
        assertThat(HEX.formatHex(SmsText.encode("A\uD83D\uDE00", MsgFmt.UCS2))).isEqualTo("0041d83dde00");
    }

    @Test
    void encodesUcs2AsTheJdksUtf16BeForEveryNonSurrogateCharAndAPair() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0xD800; c++) {
            all.append(c);
        }
        for (int c = 0xE000; c <= 0xFFFF; c++) {
            all.append((char) c);
        }
        all.append("\uDBFF\uDFFF");

        assertThat(SmsText.encode(all.toString(), MsgFmt.UCS2))
            .isEqualTo(all.toString().getBytes(StandardCharsets.UTF_16BE));
    }

    @Test
    void encodesAsciiAndGbk() {
        assertThat(SmsText.encode("Hi 1", MsgFmt.ASCII)).isEqualTo("Hi 1".getBytes(StandardCharsets.US_ASCII));
        assertThat(HEX.formatHex(SmsText.encode("中a", MsgFmt.GBK))).isEqualTo("d6d061");
    }

    @Test
    void refusesCharactersTheFormatCannotCarry() {
        assertThatThrownBy(() -> SmsText.encode("caf\u00e9", MsgFmt.ASCII))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("text: U+E9 at index 3 (expected: characters ASCII can carry)");
        assertThatThrownBy(() -> SmsText.encode("ok \uD83D\uDE00", MsgFmt.GBK))
            .hasMessage("text: U+1F600 at index 3 (expected: characters GBK can carry)");
        assertThatThrownBy(() -> SmsText.encode("lone \uD83D!", MsgFmt.UCS2))
            .hasMessage("text: U+D83D at index 5 (expected: characters UCS2 can carry)");
        assertThatThrownBy(() -> SmsText.encode("\uDE00 low first", MsgFmt.UCS2))
            .hasMessage("text: U+DE00 at index 0 (expected: characters UCS2 can carry)");
        assertThatThrownBy(() -> SmsText.encode("high last\uD83D", MsgFmt.UCS2))
            .hasMessage("text: U+D83D at index 9 (expected: characters UCS2 can carry)");
        assertThatThrownBy(() -> SmsText.encode("x", MsgFmt.BINARY))
            .hasMessageStartingWith("format: BINARY (expected: ASCII, UCS2 or GBK");
    }

    @Test
    void choosesAsciiOnlyForPrintableAsciiThatFitsOnePart() {
        assertThat(SmsText.outboundFormat("Your code is 123456", 159)).isEqualTo(MsgFmt.ASCII);
        assertThat(SmsText.outboundFormat("line1\r\nline2", 159)).isEqualTo(MsgFmt.ASCII);
        assertThat(SmsText.outboundFormat("a".repeat(159), 159)).isEqualTo(MsgFmt.ASCII);
        assertThat(SmsText.outboundFormat("a".repeat(160), 159)).isEqualTo(MsgFmt.UCS2);
        assertThat(SmsText.outboundFormat("a".repeat(141), 140)).isEqualTo(MsgFmt.UCS2);
        assertThat(SmsText.outboundFormat("验证码 123456", 159)).isEqualTo(MsgFmt.UCS2);
        assertThat(SmsText.outboundFormat("tab\there", 159)).isEqualTo(MsgFmt.UCS2);
        assertThat(SmsText.outboundFormat("`quoted`", 159)).isEqualTo(MsgFmt.UCS2);
    }

    @Test
    void gsmExtensionCharactersCostTwoSeptets() {
        assertThat(SmsText.asciiSeptets("{a}")).isEqualTo(5);
        assertThat(SmsText.asciiSeptets("^{}\\[~]|")).isEqualTo(16);
        assertThat(SmsText.asciiSeptets("é")).isEqualTo(-1);
        // 150 characters, 10 of them '{': 160 septets do not fit 159.
        String text = "{".repeat(10) + "a".repeat(140);
        assertThat(SmsText.outboundFormat(text, 159)).isEqualTo(MsgFmt.UCS2);
        assertThat(SmsText.outboundFormat(text.substring(1), 159)).isEqualTo(MsgFmt.ASCII);
    }

    @ParameterizedTest(name = "Msg_Fmt {0} -> {1}")
    @CsvSource({
        "0,   ISO-8859-1",
        "8,   UTF-16BE",
        "15,  GB18030",
        "16,  ISO-8859-1", // DCS class 0, default alphabet
        "24,  UTF-16BE",   // 0x18: flash (class 0) UCS2, as in [Z]'s API
        "240, ISO-8859-1", // 0xF0: group F, default alphabet
        "241, ISO-8859-1", // 0xF1
    })
    void textFormatsDecodeWithTheirCharset(int msgFmt, String charset) {
        assertThat(SmsText.charsetOf(msgFmt)).contains(Charset.forName(charset));
    }

    @ParameterizedTest(name = "Msg_Fmt {0} is binary")
    @CsvSource({"3", "4", "12", "20", "244", "245", "255"})
    void binaryFormatsHaveNoCharset(int msgFmt) {
        assertThat(SmsText.charsetOf(msgFmt)).isEmpty();
        assertThat(SmsText.decode(msgFmt, new byte[] {1, 2})).isEqualTo(new SmsContent.Binary(Bytes.ofHex("0102")));
    }

    @Test
    void decodesEachFormatStrictlyByItsOwnMsgFmt() {
        byte[] gb = "中文".getBytes(Charset.forName("GBK"));
        assertThat(SmsText.decode(15, gb)).isEqualTo(new SmsContent.Text("中文"));
        assertThat(SmsText.decode(8, HEX.parseHex("65365230"))).isEqualTo(new SmsContent.Text("收到"));
        assertThat(SmsText.decode(0, "TD".getBytes(StandardCharsets.US_ASCII))).isEqualTo(new SmsContent.Text("TD"));
        // Msg_Fmt 0 keeps a high byte instead of losing it.
        assertThat(SmsText.decode(0, new byte[] {(byte) 0xE9})).isEqualTo(new SmsContent.Text("\u00e9"));
        // The same bytes read by the wrong format would differ: UCS2 bytes as Msg_Fmt 15 are not "收到".
        assertThat(SmsText.decode(15, HEX.parseHex("65365230"))).isNotEqualTo(new SmsContent.Text("收到"));
    }

    @Test
    void malformedTextDecodesToReplacementCharactersInsteadOfFailing() {
        assertThat(SmsText.decode(8, HEX.parseHex("004100"))).isEqualTo(new SmsContent.Text("A\uFFFD"));
    }

    @Test
    void skipsTheUdhWhenTpUdhiIsSetEitherWay() {
        MsgContent content = MsgContent.ofHex("0500035a0201" + "00410042");
        assertThat(SmsText.decode(8, 1, content)).isEqualTo(new SmsContent.Text("AB"));
        assertThat(SmsText.decode(8, 0x40, content)).isEqualTo(new SmsContent.Text("AB"));
        assertThat(SmsText.decode(8, 0, MsgContent.ofHex("00410042"))).isEqualTo(new SmsContent.Text("AB"));
    }

    @Test
    void aPortAddressedPayloadIsBinaryWhateverItsMsgFmt() {
        // WAP push style: ports 0x0b84 <- 0x23f0, payload bytes that happen to look like text.
        MsgContent content = MsgContent.ofHex("0605040b8423f0" + "4142");
        assertThat(SmsText.decode(0, 1, content)).isEqualTo(new SmsContent.Binary(Bytes.ofHex("4142")));
        assertThat(SmsText.decode(4, 1, content)).isEqualTo(new SmsContent.Binary(Bytes.ofHex("4142")));
    }

    @Test
    void anInvalidUdhIsReportedNotSkipped() {
        assertThatThrownBy(() -> SmsText.decode(8, 1, MsgContent.ofHex("09000341")))
            .isInstanceOf(UdhException.class);
    }
}
