package org.cmppgw.cmpp.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.auth.Authenticator;
import org.cmppgw.cmpp.auth.CmppTimestamp;
import org.cmppgw.cmpp.pdu.CmppConnectResp;
import org.cmppgw.cmpp.pdu.CmppPdu;
import org.cmppgw.cmpp.pdu.MsgId;
import org.cmppgw.cmpp.tool.PduField;
import org.cmppgw.cmpp.tool.PduFields;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared golden vectors, field by field (docs/cmpp-protocol.md §17): (1) decoding {@code hex} yields every stated
 * field with its stated value, (2) the PDU built from the stated values encodes to {@code hex}, (3) the authenticators
 * recompute from {@code inputs}, and every printed Msg_Id form in {@code derived} agrees with {@link MsgId}.
 */
class GoldenVectorsTest {
    private static final UnpooledByteBufAllocator ALLOC = new UnpooledByteBufAllocator(false);

    @TestFactory
    Stream<DynamicTest> decodingGivesEveryFieldWithItsStatedValue() {
        return perVersion((vector, version) -> {
            CmppPdu pdu = decode(vector.hex(), version);
            List<PduField> rendered = PduFields.of(pdu, version, vector.hex().length() / 2);
            assertThat(rendered(rendered)).containsExactlyElementsOf(stated(vector.fields()));
        });
    }

    @TestFactory
    Stream<DynamicTest> thePduBuiltFromTheStatedFieldsEncodesToTheVectorBytes() {
        return perVersion((vector, version) -> {
            CmppPdu built = PduFromFields.build(vector.fields());
            assertThat(built.commandId().name()).isEqualTo(vector.command());
            ByteBuf out = CmppEncoder.of(version).encode(ALLOC, built);
            try {
                assertThat(ByteBufUtil.hexDump(out)).isEqualTo(vector.hex());
                assertThat(out.capacity()).isEqualTo(vector.json().get("total_length").asInt());
            } finally {
                out.release();
            }
            assertThat(decode(vector.hex(), version)).isEqualTo(built);
        });
    }

    @TestFactory
    Stream<DynamicTest> headerFieldsAgreeWithTheVectorSummary() {
        return perVersion((vector, version) -> {
            JsonNode json = vector.json();
            assertThat(vector.hex().length() / 2).isEqualTo(json.get("total_length").asInt());
            assertThat(vector.fields().get(0).value().asInt()).isEqualTo(json.get("total_length").asInt());
            assertThat(vector.fields().get(1).value().asText()).isEqualTo(json.get("command_id").asText());
            assertThat(vector.fields().get(2).value().asLong()).isEqualTo(json.get("sequence_id").asLong());
            assertThat(decode(vector.hex(), version).commandId().name()).isEqualTo(vector.command());
        });
    }

    @TestFactory
    Stream<DynamicTest> authenticatorSourceRecomputesFromInputs() {
        return GoldenVectors.all().stream().filter(v -> v.command().equals("CMPP_CONNECT"))
            .map(v -> DynamicTest.dynamicTest(v.id(), () -> {
                JsonNode in = v.inputs();
                long timestamp = in.get("timestamp").asLong();
                String digits = CmppTimestamp.digits(timestamp);
                assertThat(digits).isEqualTo(v.derived().get("timestamp_string").asText());
                // The MD5 input assembled by hand from §5.3, independently of Authenticator.
                byte[] md5Input = Frames.concat(ascii(in.get("source_addr").asText()), new byte[9],
                    ascii(in.get("shared_secret").asText()), ascii(digits));
                assertThat(HexFormat.of().formatHex(md5Input)).isEqualTo(v.derived().get("md5_input_hex").asText());
                String expected = v.derived().get("authenticator_source_hex").asText();
                assertThat(md5Hex(md5Input)).isEqualTo(expected);
                Authenticator computed = Authenticator.source(in.get("source_addr").asText(),
                    in.get("shared_secret").asText(), timestamp);
                assertThat(computed.toHex()).isEqualTo(expected).isEqualTo(field(v, "AuthenticatorSource"));
                assertThat(Integer.decode(in.get("version").asText()))
                    .isEqualTo(Integer.parseInt(field(v, "Version")));
            }));
    }

    @TestFactory
    Stream<DynamicTest> authenticatorIsmgRecomputesFromInputs() {
        return GoldenVectors.all().stream().filter(v -> v.command().equals("CMPP_CONNECT_RESP"))
            .map(v -> DynamicTest.dynamicTest(v.id(), () -> {
                JsonNode in = v.inputs();
                long status = in.get("status").asLong();
                String expected = v.derived().get("authenticator_ismg_hex").asText();
                assertThat(field(v, "AuthenticatorISMG")).isEqualTo(expected);
                CmppConnectResp decoded = (CmppConnectResp) decode(v.hex(), v.versions().get(0));
                if (status == CmppConnectResp.STATUS_OK) {
                    Authenticator source = Authenticator.ofHex(in.get("authenticator_source_hex").asText());
                    Authenticator computed = Authenticator.ismg(status, v.versions().get(0), source,
                        in.get("shared_secret").asText());
                    assertThat(computed.toHex()).isEqualTo(expected);
                    assertThat(computed.matches(decoded.authenticatorIsmg())).isTrue();
                    byte[] md5Input = HexFormat.of().parseHex(v.derived().get("md5_input_hex").asText());
                    assertThat(md5Hex(md5Input)).isEqualTo(expected);
                } else {
                    // §5.4: a failed login carries an all-zero AuthenticatorISMG
                    assertThat(decoded.authenticatorIsmg()).isEqualTo(Authenticator.ZERO);
                    assertThat(decoded.authenticatorIsmg().isZero()).isTrue();
                }
                assertThat(decoded.status()).isEqualTo(status);
            }));
    }

    @TestFactory
    Stream<DynamicTest> everyDerivedMsgIdFormAgreesWithMsgId() {
        List<DynamicTest> tests = new ArrayList<>();
        for (GoldenVectors.Vector v : GoldenVectors.all()) {
            Iterator<Map.Entry<String, JsonNode>> it = v.derived().fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> entry = it.next();
                if (entry.getValue().has("unsigned_decimal")) {
                    String fieldName = entry.getKey().equals("report_msg_id") ? "Report.Msg_Id" : "Msg_Id";
                    tests.add(DynamicTest.dynamicTest(v.id() + " " + entry.getKey(),
                        () -> checkMsgIdForms(entry.getValue(), field(v, fieldName))));
                }
            }
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(8);
        return tests.stream();
    }

    private static void checkMsgIdForms(JsonNode forms, String fieldValue) {
        MsgId id = new MsgId(Long.parseUnsignedLong(forms.get("unsigned_decimal").asText()));
        assertThat(id.toUnsignedString()).isEqualTo(forms.get("unsigned_decimal").asText()).isEqualTo(fieldValue);
        assertThat(Long.toString(id.value())).isEqualTo(forms.get("signed_decimal_java_long").asText());
        assertThat(id.toHex()).isEqualTo(forms.get("hex16").asText());
        assertThat(id.toString()).isEqualTo(forms.get("hex16").asText());
        assertThat(id.toFormatted22()).isEqualTo(forms.get("formatted22").asText());
        JsonNode parts = forms.get("parts");
        assertThat(List.of(id.month(), id.day(), id.hour(), id.minute(), id.second(), id.gateway(), id.sequence()))
            .containsExactly(parts.get("month").asInt(), parts.get("day").asInt(), parts.get("hour").asInt(),
                parts.get("minute").asInt(), parts.get("second").asInt(), parts.get("gateway").asInt(),
                parts.get("sequence").asInt());
        if (parts.get("month").asInt() != 0) {
            assertThat(MsgId.of(parts.get("month").asInt(), parts.get("day").asInt(), parts.get("hour").asInt(),
                parts.get("minute").asInt(), parts.get("second").asInt(), parts.get("gateway").asInt(),
                parts.get("sequence").asInt())).isEqualTo(id);
        }
        for (String form : List.of("unsigned_decimal", "signed_decimal_java_long", "hex16", "formatted22")) {
            assertThat(MsgId.parse(forms.get(form).asText())).as(form).isEqualTo(id);
        }
    }

    @Test
    void theStatusReportQuotesTheSubmitRespMsgId() {
        GoldenVectors.Vector submitResp = GoldenVectors.byId("submit_resp_v30_ok");
        GoldenVectors.Vector report = GoldenVectors.byId("deliver_v30_report_delivrd");
        assertThat(field(report, "Report.Msg_Id")).isEqualTo(field(submitResp, "Msg_Id"))
            .isEqualTo(report.inputs().get("matches_submit_resp_msg_id").asText());
        // ... while the DELIVER header carries its own, different id (§10.2), echoed by DELIVER_RESP
        assertThat(field(report, "Msg_Id")).isNotEqualTo(field(report, "Report.Msg_Id"))
            .isEqualTo(field(GoldenVectors.byId("deliver_resp_v20_ok"), "Msg_Id"));
    }

    @TestFactory
    Stream<DynamicTest> textContentIsUtf16BigEndianOfTheInputText() {
        return GoldenVectors.all().stream().filter(v -> v.derived().has("ucs2_hex"))
            .map(v -> DynamicTest.dynamicTest(v.id(), () -> {
                String ucs2 = HexFormat.of().formatHex(v.inputs().get("text").asText()
                    .getBytes(StandardCharsets.UTF_16BE));
                assertThat(ucs2).isEqualTo(v.derived().get("ucs2_hex").asText());
                String udh = v.derived().has("udh_hex") ? v.derived().get("udh_hex").asText() : "";
                assertThat(field(v, "Msg_Content")).isEqualTo(udh + ucs2);
            }));
    }

    private interface VectorCheck {
        void check(GoldenVectors.Vector vector, CmppVersion version) throws Exception;
    }

    private static Stream<DynamicTest> perVersion(VectorCheck check) {
        List<DynamicTest> tests = new ArrayList<>();
        for (GoldenVectors.Vector vector : GoldenVectors.all()) {
            for (CmppVersion version : vector.versions()) {
                tests.add(DynamicTest.dynamicTest(vector.id() + " on " + version.label(),
                    () -> check.check(vector, version)));
            }
        }
        return tests.stream();
    }

    static CmppPdu decode(String hex, CmppVersion version) {
        ByteBuf frame = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex));
        try {
            Object decoded = CmppDecoder.decodeFrame(frame, version);
            assertThat(decoded).isInstanceOf(CmppPdu.class);
            return (CmppPdu) decoded;
        } finally {
            frame.release();
        }
    }

    /** "Name value" with the value as JSON, so numbers and strings compare with their type. */
    static List<String> rendered(List<PduField> fields) {
        return fields.stream().map(f -> f.name() + " "
            + (f.isNumber() ? f.value().toString() : TextNode.valueOf((String) f.value()).toString())).toList();
    }

    static List<String> stated(List<GoldenField> fields) {
        return fields.stream().map(f -> f.name() + " " + f.value().toString()).toList();
    }

    private static String field(GoldenVectors.Vector v, String name) {
        return v.fields().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow().value().asText();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String md5Hex(byte[] input) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(input));
    }
}
