package org.cmppgw.interop;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.cmppgw.simulator.config.ConfigSections;
import org.cmppgw.simulator.ismg.IsmgConfig;
import org.cmppgw.simulator.ismg.IsmgServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SMSGate as SP logs in to our simulator ISMG and sends ASCII, UCS2 and long messages over CMPP 3.0 and 2.0
 * (docs/interop.md). Its clock is in UTC, as in a container: the simulator's default login check (Beijing time
 * within ±15 min, docs/cmpp-protocol.md §5.2) refuses it with Status 3; a simulator told the SP's zone, or told only
 * to warn, accepts it. Every status report must carry the Msg_Id of a SUBMIT_RESP for the same mobile.
 */
final class SmsGateSpToSimulatorIT {
    private static final String ACCOUNT = "901234";
    /** 2 ASCII, 2 UCS2 and 2 long messages of 3 parts each (the peer's MessageTexts). */
    private static final String SEND = "ascii:2,ucs2:2,long:2";
    private static final int PARTS = 2 + 2 + 2 * 3;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "CMPP {0}, simulator login: {1}")
    @CsvSource(delimiter = '|', value = {
        "3.0|{timestampZone: UTC}",
        "2.0|{timestampZone: UTC}",
        "3.0|{timestampCheck: warn}",
    })
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void everyReportMatchesASubmitRespOfTheSameMobile(String version, String login) {
        try (IsmgServer ismg = simulator("login: " + login, Clock.systemUTC())) {
            exchange(version, ismg);
        }
    }

    /**
     * The same traffic without the login keys: the simulator's clock runs 8 h behind, so the Beijing time it
     * expects is the SP's UTC wall time. Shows the traffic itself is fine whatever the login check does.
     */
    @ParameterizedTest(name = "CMPP {0}")
    @CsvSource({"3.0", "2.0"})
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void everyReportMatchesWhenTheSimulatorClockIsOnTheSpWallTime(String version) {
        try (IsmgServer ismg = simulator("", Clock.offset(Clock.systemUTC(), Duration.ofHours(-8)))) {
            exchange(version, ismg);
        }
    }

    private void exchange(String version, IsmgServer ismg) {
        try (SmsGatePeerProcess sp = SmsGatePeerProcess.start("sp-" + version, "client",
                 "--port", Integer.toString(ismg.port()), "--account", ACCOUNT, "--secret", "secret",
                 "--version", version, "--send", SEND)) {
            sp.await("a SUBMIT_RESP and a report for every part", () -> sp.count("submit-resp") >= PARTS
                && sp.count("report") >= PARTS);

            assertThat(sp.events("login")).allSatisfy(l -> assertThat(l.path("status").asInt()).isZero());
            assertThat(sp.events("submit-resp")).hasSize(PARTS)
                .allSatisfy(r -> assertThat(r.path("result").asInt()).as("%s", r).isZero());
            Map<String, String> mobileByMsgId = new HashMap<>();
            for (JsonNode resp : sp.events("submit-resp")) {
                assertThat(mobileByMsgId.put(resp.path("msgId").asText(), resp.path("mobile").asText()))
                    .as("Msg_Id %s given twice", resp.path("msgId")).isNull();
            }
            assertThat(sp.events("report")).hasSize(PARTS).allSatisfy(report -> {
                assertThat(mobileByMsgId).as("report %s", report)
                    .containsEntry(report.path("msgId").asText(), report.path("mobile").asText());
                assertThat(report.path("stat").asText()).isEqualTo("DELIVRD");
            });
            assertThat(sp.count("submit-resp", r -> r.path("pkTotal").asInt() == 3)).as("long-message parts")
                .isEqualTo(6);
            assertThat(ismg.traffic(ACCOUNT).snapshot().accepted()).as("SUBMITs the simulator accepted")
                .isEqualTo(PARTS);
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aUtcClockIsRefusedWithStatus3ByDefault() {
        try (IsmgServer ismg = simulator("", Clock.systemUTC());
             SmsGatePeerProcess sp = SmsGatePeerProcess.start("sp-refused", "client",
                 "--port", Integer.toString(ismg.port()), "--account", ACCOUNT, "--secret", "secret")) {
            sp.await("a CONNECT_RESP", () -> sp.count("login") >= 1);

            assertThat(sp.first("login").path("status").asInt()).as("CONNECT_RESP Status").isEqualTo(3);
            assertThat(ismg.connections(ACCOUNT)).isZero();
        }
    }

    /** The simulator from the shipped defaults plus {@code extra} YAML lines under {@code ismg:}, on a free port. */
    private IsmgServer simulator(String extra, Clock clock) {
        Path file = dir.resolve("simulator.yaml");
        String yaml = "ismg:\n  reports:\n    delay: {distribution: fixed, millis: 50}\n"
            + (extra.isEmpty() ? "" : "  " + extra + "\n");
        try {
            Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        IsmgConfig config = ConfigSections.read(file, "ismg", IsmgConfig.defaults()).withPort(0).withMetricsPort(0);
        return IsmgServer.start(config, clock, new SimpleMeterRegistry());
    }
}
