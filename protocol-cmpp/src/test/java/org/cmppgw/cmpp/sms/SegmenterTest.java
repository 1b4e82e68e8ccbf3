package org.cmppgw.cmpp.sms;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.cmppgw.cmpp.codec.CmppEncoder;
import org.cmppgw.cmpp.pdu.CmppSubmit;
import org.cmppgw.cmpp.pdu.MsgContent;
import org.cmppgw.cmpp.pdu.MsgFmt;
import org.cmppgw.cmpp.sms.SegmenterOptions.SignatureScope;
import org.cmppgw.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SegmenterTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final Charset GBK = Charset.forName("GBK");
    private static final String EMOJI = "\uD83D\uDE00";
    private static final SegmenterOptions REF_5A = SegmenterOptions.defaults().withReferences(() -> 0x5a);

    private final JsonNode vector = Vectors.vector("submit_v30_long_ucs2_part1");
    private final String fullText = vector.get("inputs").get("full_text").asText();

    @Test
    void reproducesTheLongUcs2VectorPartByPart() {
        List<SubmitPart> parts = new Segmenter(REF_5A).split(fullText);

        assertThat(fullText).hasSize(87);
        assertThat(parts).hasSize(2);
        SubmitPart first = parts.get(0);
        assertThat(first.pkTotal()).isEqualTo(2);
        assertThat(first.pkNumber()).isEqualTo(1);
        assertThat(first.tpUdhi()).isEqualTo(1);
        assertThat(first.msgFmt()).isEqualTo(MsgFmt.UCS2);
        assertThat(first.content().toHex()).isEqualTo(Vectors.field(vector, "Msg_Content"));
        SubmitPart second = parts.get(1);
        assertThat(second.pkNumber()).isEqualTo(2);
        assertThat(second.content().toHex())
            .isEqualTo("0500035a0202" + HEX.formatHex(fullText.substring(67).getBytes(StandardCharsets.UTF_16BE)));
    }

    @Test
    void theFirstPartEncodesToTheVectorPduByteForByte() {
        CmppSubmit.Builder template = CmppSubmit.builder().sequenceId(3).serviceId("TEST").msgSrc("901234")
            .srcId("1069000001").destTerminalId("13800138000");
        List<CmppSubmit> submits = Segmenter.toSubmits(new Segmenter(REF_5A).split(fullText), template);

        assertThat(submits).extracting(CmppSubmit::pkNumber).containsExactly(1, 2);
        ByteBuf out = CmppEncoder.V30.encode(UnpooledByteBufAllocator.DEFAULT, submits.get(0));
        try {
            assertThat(ByteBufUtil.hexDump(out)).isEqualTo(vector.get("hex").asText());
        } finally {
            out.release();
        }
        CmppSubmit second = submits.get(1);
        assertThat(second.pkTotal()).isEqualTo(2);
        assertThat(second.tpUdhi()).isEqualTo(1);
        assertThat(second.msgFmt()).isEqualTo(8);
        assertThat(second.srcId()).isEqualTo("1069000001");
        assertThat(second.destTerminalIds()).containsExactly("13800138000");
    }

    @Test
    void aShortAsciiTextIsOneMsgFmt0PartWithoutUdhAndDrawsNoReference() {
        AtomicInteger drawn = new AtomicInteger();
        Segmenter segmenter = new Segmenter(SegmenterOptions.defaults().withReferences(drawn::incrementAndGet));

        List<SubmitPart> parts = segmenter.split("Your code is 123456");

        assertThat(parts).containsExactly(new SubmitPart(1, 1, 0, MsgFmt.ASCII,
            MsgContent.of("Your code is 123456".getBytes(StandardCharsets.US_ASCII))));
        assertThat(drawn).hasValue(0);
    }

    @Test
    void exactly70Ucs2UnitsAreOnePart() {
        List<SubmitPart> parts = new Segmenter(REF_5A).split("验".repeat(70));

        assertThat(parts).hasSize(1);
        assertThat(parts.get(0).tpUdhi()).isZero();
        assertThat(parts.get(0).content().length()).isEqualTo(140);
    }

    @Test
    void seventyOneUnitsAreTwoPartsOf67And4() {
        assertThat(unitsPerPart(new Segmenter(REF_5A).split("验".repeat(71)), 6)).containsExactly(67, 4);
    }

    @Test
    void partBoundaryAt134() {
        Segmenter segmenter = new Segmenter(REF_5A);
        assertThat(unitsPerPart(segmenter.split("验".repeat(134)), 6)).containsExactly(67, 67);
        assertThat(unitsPerPart(segmenter.split("验".repeat(135)), 6)).containsExactly(67, 67, 1);
        assertThat(segmenter.split("验".repeat(134)).get(1).content().length()).isEqualTo(140);
    }

    @Test
    void anEmojiAtEveryPositionIsNeverCut() {
        Segmenter segmenter = new Segmenter(REF_5A);
        for (int at = 0; at <= 140; at++) {
            String text = "验".repeat(at) + EMOJI + "证".repeat(140 - at);
            List<SubmitPart> parts = segmenter.split(text);
            int[] units = unitsPerPart(parts, 6);
            StringBuilder joined = new StringBuilder();
            for (SubmitPart part : parts) {
                String piece = payloadText(part, 6);
                assertThat(Character.isHighSurrogate(piece.charAt(piece.length() - 1))).as("cut at %d", at).isFalse();
                assertThat(Character.isLowSurrogate(piece.charAt(0))).as("cut at %d", at).isFalse();
                joined.append(piece);
            }
            assertThat(joined.toString()).isEqualTo(text);
            assertThat(Arrays.stream(units).max().orElseThrow()).isLessThanOrEqualTo(67);
            // Only the part the pair would have straddled is one unit short.
            boolean straddles = at == 66 || at == 133;
            assertThat(units[0] == 66 || units[1] == 66).as("emoji at %d", at).isEqualTo(straddles);
        }
    }

    @Test
    void sixteenBitReferencesUseSevenByteHeadersAnd66Units() {
        Segmenter segmenter = new Segmenter(SegmenterOptions.defaults()
            .withReferenceWidth(ReferenceWidth.SIXTEEN_BIT).withReferences(() -> 0x1234));

        List<SubmitPart> parts = segmenter.split("验".repeat(133));

        assertThat(unitsPerPart(parts, 7)).containsExactly(66, 66, 1);
        assertThat(parts.get(0).content().toHex()).startsWith("06080412340301");
        assertThat(parts.get(2).content().toHex()).startsWith("06080412340303");
        assertThat(parts.get(0).content().length()).isEqualTo(139); // 133 bytes free, the odd one unused
        // A pair across the 66-unit boundary leaves 65 units in that part.
        assertThat(unitsPerPart(segmenter.split("验".repeat(65) + EMOJI + "证".repeat(10)), 7))
            .containsExactly(65, 12);
    }

    @Test
    void gbkFillsPartsByBytesWithoutSplittingACharacter() {
        Segmenter segmenter = new Segmenter(REF_5A);
        assertThat(segmenter.split("中".repeat(70), MsgFmt.GBK)).hasSize(1);
        assertThat(segmenter.split("中".repeat(70), MsgFmt.GBK).get(0).content().length()).isEqualTo(140);

        // "a" + 70 × "中" = 141 bytes: two parts; byte 134 would cut a character, so part 1 holds 133.
        String text = "a" + "中".repeat(70);
        List<SubmitPart> parts = segmenter.split(text, MsgFmt.GBK);
        assertThat(parts).extracting(p -> p.content().length() - 6).containsExactly(133, 8);
        assertThat(parts).allMatch(p -> p.msgFmt() == MsgFmt.GBK);
        assertThat(gbkPayload(parts.get(0)) + gbkPayload(parts.get(1))).isEqualTo(text);

        // Even offset: 67 characters fill 134 bytes exactly.
        List<SubmitPart> even = segmenter.split("中".repeat(71), MsgFmt.GBK);
        assertThat(even).extracting(p -> p.content().length() - 6).containsExactly(134, 8);
    }

    @Test
    void gbkWithSixteenBitReferenceUses133Bytes() {
        Segmenter segmenter = new Segmenter(REF_5A.withReferenceWidth(ReferenceWidth.SIXTEEN_BIT));
        List<SubmitPart> parts = segmenter.split("b" + "中".repeat(70), MsgFmt.GBK);
        assertThat(parts).extracting(p -> p.content().length() - 7).containsExactly(133, 8);
        List<SubmitPart> odd = segmenter.split("中".repeat(70) + "b", MsgFmt.GBK);
        assertThat(odd).extracting(p -> p.content().length() - 7).containsExactly(132, 9);
    }

    @Test
    void longAsciiGoesAsUcs2AndTheAsciiLimitIsConfigurable() {
        Segmenter segmenter = new Segmenter(REF_5A);
        assertThat(segmenter.split("a".repeat(159))).singleElement()
            .satisfies(p -> assertThat(p.msgFmt()).isEqualTo(MsgFmt.ASCII))
            .satisfies(p -> assertThat(p.content().length()).isEqualTo(159));
        List<SubmitPart> long160 = segmenter.split("a".repeat(160));
        assertThat(long160).allMatch(p -> p.msgFmt() == MsgFmt.UCS2);
        assertThat(unitsPerPart(long160, 6)).containsExactly(67, 67, 26);

        Segmenter capped = new Segmenter(REF_5A.withAsciiMax(140));
        assertThat(capped.split("a".repeat(140)).get(0).msgFmt()).isEqualTo(MsgFmt.ASCII);
        assertThat(capped.split("a".repeat(141)).get(0).msgFmt()).isEqualTo(MsgFmt.UCS2);

        assertThatThrownBy(() -> segmenter.split("a".repeat(160), MsgFmt.ASCII))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("text: 160 septets (expected: at most 159 in one Msg_Fmt 0 part; long text goes as UCS2)");
        assertThatThrownBy(() -> SegmenterOptions.defaults().withAsciiMax(139))
            .hasMessage("asciiMax: 139 (expected: 140..159)");
    }

    @Test
    void signatureReserveShrinksTheFirstPart() {
        Segmenter segmenter = new Segmenter(REF_5A.withSignatureReserve(10, SignatureScope.FIRST_PART));

        assertThat(segmenter.split("验".repeat(60))).hasSize(1);
        assertThat(unitsPerPart(segmenter.split("验".repeat(61)), 6)).containsExactly(57, 4);
        assertThat(unitsPerPart(segmenter.split("验".repeat(200)), 6)).containsExactly(57, 67, 67, 9);
        // With a reserve, ASCII must fit one UCS2 message together with the signature: 60 characters.
        assertThat(segmenter.split("a".repeat(60)).get(0).msgFmt()).isEqualTo(MsgFmt.ASCII);
        assertThat(segmenter.split("a".repeat(61)).get(0).msgFmt()).isEqualTo(MsgFmt.UCS2);
        // GBK counts the reserve as 2 bytes per character.
        assertThat(segmenter.split("中".repeat(61), MsgFmt.GBK)).extracting(p -> p.content().length() - 6)
            .containsExactly(114, 8);
    }

    @Test
    void signatureReserveCanShrinkEveryPart() {
        Segmenter segmenter = new Segmenter(REF_5A.withSignatureReserve(10, SignatureScope.EVERY_PART));
        assertThat(unitsPerPart(segmenter.split("验".repeat(200)), 6)).containsExactly(57, 57, 57, 29);
        assertThatThrownBy(() -> REF_5A.withSignatureReserve(61, SignatureScope.EVERY_PART))
            .hasMessage("signatureReserve: 61 (expected: 0..60)");
    }

    @Test
    void binaryUses140And134Bytes() {
        Segmenter segmenter = new Segmenter(REF_5A);
        byte[] data = new byte[300];
        Arrays.fill(data, (byte) 0xAB);

        assertThat(segmenter.splitBinary(Arrays.copyOf(data, 140))).singleElement()
            .satisfies(p -> assertThat(p.msgFmt()).isEqualTo(MsgFmt.BINARY))
            .satisfies(p -> assertThat(p.tpUdhi()).isZero());
        assertThat(segmenter.splitBinary(data)).extracting(p -> p.content().length() - 6)
            .containsExactly(134, 134, 32);
        Segmenter wide = new Segmenter(REF_5A.withReferenceWidth(ReferenceWidth.SIXTEEN_BIT));
        assertThat(wide.splitBinary(data)).extracting(p -> p.content().length() - 7).containsExactly(133, 133, 34);
    }

    @Test
    void atMost255Parts() {
        Segmenter segmenter = new Segmenter(REF_5A);
        List<SubmitPart> max = segmenter.split("验".repeat(255 * 67));
        assertThat(max).hasSize(255);
        assertThat(max.get(254).content().toHex()).startsWith("0500035affff");

        assertThatThrownBy(() -> segmenter.split("验".repeat(255 * 67 + 1)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("payload: 34172 bytes as UCS2 (expected: at most 255 parts, ended at byte 34170)");
        assertThatThrownBy(() -> segmenter.splitBinary(new byte[255 * 134 + 1]))
            .hasMessageContaining("expected: at most 255 parts");
    }

    @Test
    void referencesAreMaskedToTheirWidthAndDrawnOncePerMessage() {
        AtomicInteger counter = new AtomicInteger(0x1FE);
        Segmenter segmenter = new Segmenter(SegmenterOptions.defaults().withReferences(counter::getAndIncrement));

        List<SubmitPart> first = segmenter.split("验".repeat(200));
        List<SubmitPart> second = segmenter.split("验".repeat(200));

        assertThat(first).allMatch(p -> p.content().toHex().startsWith("050003fe03"));
        assertThat(second).allMatch(p -> p.content().toHex().startsWith("050003ff03"));
        assertThat(counter).hasValue(0x200);
        Segmenter negative = new Segmenter(REF_5A.withReferences(() -> -1)
            .withReferenceWidth(ReferenceWidth.SIXTEEN_BIT));
        assertThat(negative.split("验".repeat(71)).get(0).content().toHex()).startsWith("060804ffff0201");
    }

    @Test
    void refusesTextTheFormatCannotCarry() {
        Segmenter segmenter = new Segmenter(REF_5A);
        assertThatThrownBy(() -> segmenter.split("broken \uD83D"))
            .hasMessage("text: U+D83D at index 7 (expected: characters UCS2 can carry)");
        assertThatThrownBy(() -> segmenter.split(EMOJI, MsgFmt.GBK))
            .hasMessage("text: U+1F600 at index 0 (expected: characters GBK can carry)");
        assertThatThrownBy(() -> segmenter.split("x", MsgFmt.BINARY))
            .hasMessageStartingWith("format: BINARY");
    }

    @Test
    void partsSplitByTheSegmenterReassembleToTheOriginalText() {
        Reassembler reassembler = new Reassembler(ReassemblerOptions.defaults(),
            new MutableClock(Instant.EPOCH));
        String text = fullText.repeat(5) + EMOJI;
        List<ReassembledMo> out = List.of();
        for (SubmitPart part : new Segmenter(REF_5A).split(text)) {
            out = reassembler.accept(ReassemblerTest.mo("13800138000", part.msgFmt().code(), part.tpUdhi(),
                part.content()));
        }
        assertThat(out).singleElement().satisfies(m -> assertThat(m.text()).isEqualTo(text));
    }

    /** UTF-16 units in each part's payload after a UDH of {@code udhLength} bytes (all of it for a single part). */
    private static int[] unitsPerPart(List<SubmitPart> parts, int udhLength) {
        return parts.stream().mapToInt(p -> (p.content().length() - (p.tpUdhi() == 1 ? udhLength : 0)) / 2).toArray();
    }

    private static String payloadText(SubmitPart part, int udhLength) {
        byte[] bytes = part.content().toByteArray();
        return new String(bytes, udhLength, bytes.length - udhLength, StandardCharsets.UTF_16BE);
    }

    private static String gbkPayload(SubmitPart part) {
        byte[] bytes = part.content().toByteArray();
        return new String(bytes, 6, bytes.length - 6, GBK);
    }
}
