package org.cmppgw.cmpp.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.codec.GoldenField;
import org.cmppgw.cmpp.codec.GoldenHex;
import org.cmppgw.cmpp.codec.GoldenVectors;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The inspector's command line through {@link CmppTool#run}: output JSON, input tolerance, errors, exit status. */
class CmppToolTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACTIVE_TEST_RESP = "0000000d800000080000000500";

    @TestFactory
    Stream<DynamicTest> everyVectorPrintsItsCommandAndEveryFieldAsTheVectorStatesIt() {
        List<DynamicTest> tests = new ArrayList<>();
        for (GoldenVectors.Vector vector : GoldenVectors.all()) {
            for (CmppVersion version : vector.versions()) {
                tests.add(DynamicTest.dynamicTest(vector.id() + " on " + version.label(), () -> {
                    Result result = run(null, "decode", "--version", version.label(), vector.hex());
                    assertThat(result.exit()).isZero();
                    assertThat(result.err()).isEmpty();
                    JsonNode json = JSON.readTree(result.out());
                    assertThat(result.out()).startsWith("{\n  \"command\": \"" + vector.command() + "\",\n");
                    assertThat(json.get("version").asText()).isEqualTo(version.label());
                    assertThat(fieldsOf(json)).containsExactlyElementsOf(vector.fields().stream()
                        .map(f -> f.name() + " " + f.value()).toList());
                    assertThat(json.has("note")).isFalse();
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void theReportVectorPrintsAsTheReadmeShowsIt() {
        String hex = GoldenVectors.byId("deliver_v30_report_delivrd").hex();
        Result result = run(null, "decode", "--version", "3.0", hex);
        assertThat(result.exit()).isZero();
        assertThat(result.out()).isEqualTo(String.join("\n",
            "{",
            "  \"command\": \"CMPP_DELIVER\",",
            "  \"version\": \"3.0\",",
            "  \"Total_Length\": 180,",
            "  \"Command_Id\": \"0x00000005\",",
            "  \"Sequence_Id\": 100,",
            "  \"Msg_Id\": \"13464409667085860871\",",
            "  \"Dest_Id\": \"1069000001\",",
            "  \"Service_Id\": \"TEST\",",
            "  \"TP_pid\": 0,",
            "  \"TP_udhi\": 0,",
            "  \"Msg_Fmt\": 0,",
            "  \"Src_terminal_Id\": \"13800138000\",",
            "  \"Src_terminal_type\": 0,",
            "  \"Registered_Delivery\": 1,",
            "  \"Msg_Length\": 71,",
            "  \"Report.Msg_Id\": \"13464399221725396993\",",
            "  \"Report.Stat\": \"DELIVRD\",",
            "  \"Report.Submit_time\": \"2511212250\",",
            "  \"Report.Done_time\": \"2511212251\",",
            "  \"Report.Dest_terminal_Id\": \"13800138000\",",
            "  \"Report.SMSC_sequence\": 123456,",
            "  \"LinkID\": \"\"",
            "}",
            ""));
    }

    @TestFactory
    Stream<DynamicTest> aGoldenFilePipedInPrintsWhatItsCommentsState() {
        return GoldenHex.canonical().stream().map(golden -> DynamicTest.dynamicTest(golden.name(), () -> {
            String text = Files.readString(Path.of("src/test/resources/golden").resolve(golden.name()));
            Result result = run(text, "decode", "--version=" + golden.version().label());
            assertThat(result.exit()).isZero();
            assertThat(fieldsOf(JSON.readTree(result.out())))
                .containsExactlyElementsOf(golden.fields().stream().map(CmppToolTest::stated).toList());
        }));
    }

    @Test
    void hexIsReadTolerantlyFromArgumentsAndStandardInput() {
        String expected = run(null, "decode", "--version", "3.0", ACTIVE_TEST_RESP).out();
        assertThat(expected).contains("\"Reserved\": 0");
        assertThat(run(null, "decode", "--version", "3.0", ACTIVE_TEST_RESP.toUpperCase(Locale.ROOT)).out())
            .isEqualTo(expected);
        assertThat(run(null, "decode", "--version", "3.0", "0x0000000d", "0X80000008", "00 00 00 05", "00").out())
            .isEqualTo(expected);
        assertThat(run("0000000d 80000008\n\t00000005\r\n00  # Reserved\n", "decode", "--version", "3").out())
            .isEqualTo(expected);
        assertThat(run("  0x0000000d800000080000000500\n", "decode", "--version", "30").out()).isEqualTo(expected);
    }

    @Test
    void aGroupSendPrintsItsDestinationsAsOneArray() throws IOException {
        GoldenHex golden = GoldenHex.load("v30/submit_v30_two_destinations.hex");
        JsonNode json = JSON.readTree(run(null, "decode", "--version", "3.0", golden.hex()).out());
        assertThat(json.get("DestUsr_tl").asInt()).isEqualTo(2);
        assertThat(json.get("Dest_terminal_Id").isArray()).isTrue();
        assertThat(json.get("Dest_terminal_Id").toString()).isEqualTo("[\"13800138000\",\"+8613900139000\"]");
    }

    @Test
    void aToleratedVariantIsPrintedAsReceivedWithANoteNamingIt() throws IOException {
        GoldenHex quirk = GoldenHex.load("v30/quirk_deliver_report_60_bytes.hex");
        Result result = run(null, "decode", "--version", "3.0", quirk.hex());
        assertThat(result.exit()).isZero();
        JsonNode json = JSON.readTree(result.out());
        assertThat(json.get("Total_Length").asInt()).isEqualTo(169);
        assertThat(json.get("Msg_Length").asInt()).as("the wire's, not the 3.0 layout's 71").isEqualTo(60);
        assertThat(json.get("Report.Stat").asText()).isEqualTo("DELIVRD");
        assertThat(json.get("note").asText()).isEqualTo("tolerated variant (docs/cmpp-protocol.md §15): status report"
            + " in the 2.0 layout (Msg_Length 60, Report.Dest_terminal_Id of 21 octets) on a 3.0 link (§15 #2); every"
            + " field is shown as received");
    }

    /** Issue 14, item 5: one case per carrier quirk file, each a variant of docs/cmpp-protocol.md §15. */
    @TestFactory
    Stream<DynamicTest> everyQuirkPrintsTheFieldsOnItsWireAndNamesItsVariant() {
        return GoldenHex.quirks().stream().map(quirk -> DynamicTest.dynamicTest(quirk.name(), () -> {
            Result result = run(null, "decode", "--version", quirk.version().label(), quirk.hex());
            assertThat(result.exit()).isZero();
            JsonNode json = JSON.readTree(result.out());
            assertThat(fieldsOf(json)).containsExactlyElementsOf(quirk.fields().stream().map(CmppToolTest::stated)
                .toList());
            Matcher row = Pattern.compile("§15 #\\d+").matcher(quirk.source());
            assertThat(row.find()).as("the file names its §15 row").isTrue();
            assertThat(json.get("note").asText()).startsWith("tolerated variant").contains("(" + row.group() + ")")
                .endsWith("; every field is shown as received");
        }));
    }

    @Test
    void aFrameWithSeveralVariantsNamesThemAll() throws IOException {
        // the 60-byte report of quirk_deliver_report_60_bytes without its LinkID: Total_Length 149
        String hex = GoldenHex.load("v30/quirk_deliver_report_60_bytes.hex").hex();
        String cut = "00000095" + hex.substring(8, hex.length() - 40);
        JsonNode json = JSON.readTree(run(null, "decode", "--version", "3.0", cut).out());
        assertThat(json.has("LinkID")).isFalse();
        assertThat(json.get("Msg_Length").asInt()).isEqualTo(60);
        assertThat(json.get("note").asText()).startsWith("tolerated variants (docs/cmpp-protocol.md §15): status "
            + "report in the 2.0 layout").contains("; LinkID missing, the PDU ends after Msg_Content (§15 #2); ");
    }

    @Test
    void aShortLinkIdIsPrintedWithTheBytesThatCame() throws IOException {
        // deliver_v30_mo_ucs2 with 5 of its 20 LinkID bytes
        String hex = GoldenVectors.byId("deliver_v30_mo_ucs2").hex();
        String shortLinkId = String.format("%08x", hex.length() / 2 - 15) + hex.substring(8, hex.length() - 40)
            + "4c4b303031";
        JsonNode json = JSON.readTree(run(null, "decode", "--version", "3.0", shortLinkId).out());
        assertThat(json.get("LinkID").asText()).isEqualTo("LK001");
        assertThat(json.get("note").asText()).contains("LinkID of 5 bytes instead of 20 (§15 #2)");
    }

    @Test
    void theVersionChoosesTheLayout() {
        String submit20 = GoldenHex.load("v20/submit_v20_single_ucs2.hex").hex();
        assertThat(run(null, "decode", "--version", "2.0", submit20).out()).contains("\"Reserve\": \"\"")
            .doesNotContain("Fee_terminal_type");
        Result on30 = run(null, "decode", "--version", "3.0", submit20);
        assertThat(on30.exit()).isEqualTo(1);
        assertThat(on30.err()).startsWith("cmpp-tool: decode - commandId=0x00000004, sequenceId=2 - ");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "bad hex digit       | 0000000z8000000800000005     | hex: 'z' at character 8 (expected: 0-9, a-f, A-F)",
        "odd digit count     | 0000000d80000008000000050    | hex: 25 digits (expected: an even number, two per byte)",
        "only a comment      | '# nothing here'             | hex: no digits (expected: a PDU as hex, header included)",
        "shorter than header | 0000000c8000000800           | truncated: 9 bytes (expected: at least the 12-byte",
        "truncated frame     | 0000000d800000080000000 5    | truncated: Total_Length is 13 but the input has 12 bytes",
        "longer than stated  | 0000000c800000080000000500   | Total_Length is 12 but the input has 13 bytes",
        "length below header | 0000000880000008000000050000 | Total_Length: 8 (expected: >= 12)",
        "length above limit  | 00001001800000080000000500   | Total_Length: 4097 (expected: <= 4096, the frame limit)",
        "unknown command     | 0000000c0000000900000001     | commandId=0x00000009, sequenceId=1 - unknown Command_Id",
        "bad body            | 0000000e800000080000000500ff | sequenceId=5 - 1 bytes left after the body",
    })
    void malformedInputGivesOneLineOnStderrAndExitOne(String problem, String hex, String message) {
        Result result = run(null, "decode", "--version", "3.0", hex);
        assertThat(result.exit()).as(problem).isEqualTo(CmppTool.MALFORMED);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("cmpp-tool: decode - ").contains(message).endsWith("\n");
        assertThat(result.err().lines()).hasSize(1);
    }

    @Test
    void helpPrintsTheUsageAndExitsZero() {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"-h"}, new String[] {"decode", "--help"})) {
            Result result = run(null, args);
            assertThat(result.exit()).isZero();
            assertThat(result.out()).startsWith(CmppTool.USAGE + "\n").contains("Exit status");
            assertThat(result.err()).isEmpty();
        }
        assertThat(CmppTool.USAGE).isEqualTo("usage: java -jar cmpp-tool.jar decode --version 2.0|3.0 [HEX]");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no version       | decode 0000000c0000000800000005              | --version is required",
        "bad version      | decode --version 4.0 0000000c0000000800000005 | --version: \"4.0\" (expected: 2.0 or 3.0)",
        "version no value | decode --version                             | --version: \"\"",
        "unknown option   | decode --verbose --version 3.0                | unknown option --verbose",
        "unknown command  | encode --version 3.0                          | unknown command \"encode\"",
    })
    void badUsageGivesOneLineWithTheUsageAndExitTwo(String problem, String line, String message) {
        Result result = run(null, line.split(" "));
        assertThat(result.exit()).as(problem).isEqualTo(CmppTool.BAD_USAGE);
        assertThat(result.err()).contains(message).contains(CmppTool.USAGE);
        assertThat(result.err().lines()).hasSize(1);
        assertThat(result.out()).isEmpty();
    }

    @Test
    void noArgumentsPrintsTheUsage() {
        Result result = run(null);
        assertThat(result.exit()).isEqualTo(CmppTool.BAD_USAGE);
        assertThat(result.err()).isEqualTo(CmppTool.USAGE + "\n");
    }

    @Test
    void endlessInputIsRefusedBeforeParsing() {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return '0';
            }
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = CmppTool.run(new String[] {"decode", "--version", "3.0"}, endless, print(out), print(err));
        assertThat(exit).isEqualTo(CmppTool.MALFORMED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("input: more than 1048576 characters");
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        InputStream in = new ByteArrayInputStream((stdin == null ? "" : stdin).getBytes(StandardCharsets.UTF_8));
        int exit = CmppTool.run(args, in, print(out), print(err));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    /** "Name value" of every wire field in the JSON (arrays expanded), skipping command/version/note. */
    private static List<String> fieldsOf(JsonNode json) {
        List<String> fields = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = json.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (List.of("command", "version", "note").contains(entry.getKey())) {
                continue;
            }
            if (entry.getValue().isArray()) {
                entry.getValue().forEach(v -> fields.add(entry.getKey() + " " + v));
            } else {
                fields.add(entry.getKey() + " " + entry.getValue());
            }
        }
        return fields;
    }

    private static String stated(GoldenField field) {
        return field.name() + " " + field.value();
    }
}
