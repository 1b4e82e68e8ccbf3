package org.cmppgw.gateway.callback;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Stat to JSMS status table (docs/cmpp-protocol.md §10.1, §11.2) and its overrides. */
final class JsmsReportStatusTest {
    private final JsmsReportStatus table = JsmsReportStatus.defaults();

    @Test
    void specStatsMapToTheirJsmsStatus() {
        assertThat(table.statusOf("DELIVRD")).isEqualTo(4001);
        assertThat(table.statusOf("EXPIRED")).isEqualTo(4003);
        assertThat(table.statusOf("UNDELIV")).isEqualTo(4003);
        assertThat(table.statusOf("REJECTD")).isEqualTo(4100);
        assertThat(table.statusOf("DELETED")).isEqualTo(4100);
        assertThat(table.statusOf("UNKNOWN")).isEqualTo(4100);
        assertThat(table.statusOf("MA:0001")).as("spec: SMSC did not answer").isEqualTo(4100);
    }

    @Test
    void mapErrorsInMkMiMnStatsMapByMeaning() {
        assertThat(table.statusOf("MK:0001")).as("unknown subscriber").isEqualTo(4004);
        assertThat(table.statusOf("MI:0005")).as("unidentified subscriber").isEqualTo(4004);
        assertThat(table.statusOf("MN:0013")).as("call barred").isEqualTo(4003);
        assertThat(table.statusOf("MK:0027")).as("absent subscriber").isEqualTo(4003);
        assertThat(table.statusOf("MI:0032")).as("delivery failure").isEqualTo(4003);
        assertThat(table.statusOf("MK:0099")).as("unlisted MAP error").isEqualTo(4100);
    }

    @Test
    void familiesAndGatewayStats() {
        assertThat(table.statusOf("CB:0053")).as("prepaid charging refused").isEqualTo(4005);
        assertThat(table.statusOf("SR:0008")).as("gave up on flow control").isEqualTo(4006);
        assertThat(table.statusOf("SR:0013")).as("Dest_terminal_Id error").isEqualTo(4004);
        assertThat(table.statusOf("SR:0001")).isEqualTo(4100);
    }

    @Test
    void statsAreTrimmedOfPaddingAndCaseInsensitive() {
        assertThat(table.statusOf("DELIVRD\0")).isEqualTo(4001);
        assertThat(table.statusOf("mk:0001 ")).isEqualTo(4004);
        assertThat(table.statusOf("")).isEqualTo(4100);
        assertThat(table.statusOf("AF:4")).isEqualTo(4100);
    }

    @Test
    void overridesWinExactOverFamily() {
        JsmsReportStatus custom = table.withOverrides(Map.of("MA:0001", 4002, "HD:", 4002, "CB:0001", 4100));

        assertThat(custom.statusOf("MA:0001")).isEqualTo(4002);
        assertThat(custom.statusOf("HD:0001")).isEqualTo(4002);
        assertThat(custom.statusOf("CB:0001")).isEqualTo(4100);
        assertThat(custom.statusOf("CB:0002")).isEqualTo(4005);
        assertThat(table.statusOf("MA:0001")).as("defaults untouched").isEqualTo(4100);
        assertThatThrownBy(() -> table.withOverrides(Map.of("X", 200)))
            .hasMessage("status of X: 200 (expected: 4001..4006 or 4100)");
    }
}
