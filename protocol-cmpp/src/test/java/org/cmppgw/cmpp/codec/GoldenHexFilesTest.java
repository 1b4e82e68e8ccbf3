package org.cmppgw.cmpp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.pdu.CmppPdu;
import org.cmppgw.cmpp.tool.PduFields;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The golden {@code .hex} files themselves (docs/design.md §10 rule 26): each names its source, agrees with the shared
 * vector it was taken from, and — unless it is a carrier quirk — decodes to exactly the fields its comments state and
 * encodes back from those values byte for byte.
 */
class GoldenHexFilesTest {
    private static final Pattern FROM_VECTORS =
        Pattern.compile("shared/cmpp-vectors\\.json (\\w+)( \\(version both\\))?");
    private static final Pattern FROM_SPEC = Pattern.compile("docs/cmpp-protocol\\.md §\\d.*");

    @TestFactory
    Stream<DynamicTest> everyFileNamesItsSourceAndStatesItsLength() {
        return GoldenHex.all().stream().map(golden -> DynamicTest.dynamicTest(golden.name(), () -> {
            assertThat(FROM_VECTORS.matcher(golden.source()).matches() || FROM_SPEC.matcher(golden.source()).matches())
                .as("source line of %s: %s", golden, golden.source()).isTrue();
            assertThat(golden.totalLength()).isEqualTo(golden.bytes().length)
                .isEqualTo(golden.field("Total_Length").asInt());
        }));
    }

    @TestFactory
    Stream<DynamicTest> filesTakenFromTheSharedVectorsAgreeWithThem() {
        return GoldenHex.all().stream().filter(g -> FROM_VECTORS.matcher(g.source()).matches())
            .map(golden -> DynamicTest.dynamicTest(golden.name(), () -> {
                Matcher m = FROM_VECTORS.matcher(golden.source());
                assertThat(m.matches()).isTrue();
                GoldenVectors.Vector vector = GoldenVectors.byId(m.group(1));
                assertThat(golden.id()).isEqualTo(vector.id());
                assertThat(vector.versions()).contains(golden.version());
                assertThat(golden.hex()).isEqualTo(vector.hex());
                assertThat(GoldenVectorsTest.stated(golden.fields()))
                    .containsExactlyElementsOf(GoldenVectorsTest.stated(vector.fields()));
            }));
    }

    @Test
    void everySharedVectorHasAFilePerVersion() {
        List<String> expected = new ArrayList<>();
        for (GoldenVectors.Vector vector : GoldenVectors.all()) {
            for (CmppVersion version : vector.versions()) {
                expected.add((version == CmppVersion.V20 ? "v20/" : "v30/") + vector.id() + ".hex");
            }
        }
        assertThat(GoldenHex.all().stream().map(GoldenHex::name)).containsAll(expected);
    }

    @TestFactory
    Stream<DynamicTest> canonicalFilesDecodeToTheirStatedFieldsAndEncodeBackFromThem() {
        UnpooledByteBufAllocator alloc = new UnpooledByteBufAllocator(false);
        return GoldenHex.canonical().stream().map(golden -> DynamicTest.dynamicTest(golden.name(), () -> {
            CmppPdu decoded = GoldenVectorsTest.decode(golden.hex(), golden.version());
            assertThat(GoldenVectorsTest.rendered(PduFields.of(decoded, golden.version(), golden.totalLength())))
                .containsExactlyElementsOf(GoldenVectorsTest.stated(golden.fields()));
            CmppPdu built = PduFromFields.build(golden.fields());
            ByteBuf out = CmppEncoder.of(golden.version()).encode(alloc, built);
            try {
                assertThat(ByteBufUtil.hexDump(out)).isEqualTo(golden.hex());
            } finally {
                out.release();
            }
            assertThat(decoded).isEqualTo(built);
        }));
    }

    @Test
    void theLoaderKeepsHexDigitsAndStripsEveryComment() {
        GoldenHex golden = GoldenHex.parse("v30/x.hex", CmppVersion.V30, String.join("\n",
            "# source: docs/cmpp-protocol.md §6.4 (test)",
            "# a free comment line with hex-looking words: dead beef",
            "",
            "0000000D        # Total_Length 13",
            "80 00 00 08     # Command_Id \"0x80000008\"",
            "\t00000005      # Sequence_Id 5",
            "00 # Reserved 0",
            ""));
        assertThat(golden.hex()).isEqualTo("0000000d800000080000000500");
        assertThat(golden.source()).isEqualTo("docs/cmpp-protocol.md §6.4 (test)");
        assertThat(GoldenVectorsTest.stated(golden.fields())).containsExactly("Total_Length 13",
            "Command_Id \"0x80000008\"", "Sequence_Id 5", "Reserved 0");
        assertThat(golden.offset("Sequence_Id")).isEqualTo(8);
        assertThat(golden.offset("Reserved")).isEqualTo(12);
        assertThatThrownBy(() -> GoldenHex.parse("v30/y.hex", CmppVersion.V30, "0000000c # Total_Length 12"))
            .hasMessageContaining("no '# source:' line");
    }
}
