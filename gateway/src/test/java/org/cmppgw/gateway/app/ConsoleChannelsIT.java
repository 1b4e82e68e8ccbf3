package org.cmppgw.gateway.app;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.cmppgw.simulator.ismg.IsmgConfig;
import org.cmppgw.simulator.ismg.IsmgServer;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10, the channels page's live figures (docs/operations.md "Console"): after messages went through the
 * simulated ISMG, the provider's row shows its submits, their Result codes, the reports by Stat and the TPS since
 * the previous refresh; when the ISMG stops, the row and each connection turn down and the reconnects count up.
 */
final class ConsoleChannelsIT {
    private static final int MESSAGES = 12;
    private static final String PROVIDER = "demo-cmpp";
    private static final Pattern ROW = Pattern.compile("<tr id=\"channel-" + PROVIDER + "\">(.*?)</tr>",
        Pattern.DOTALL);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    @SuppressWarnings("try") // the ISMG is closed early on purpose: the carrier going away is what is tested
    void theRowFollowsTheCarrier() {
        try (IsmgServer ismg = IsmgServer.start(IsmgConfig.defaults().withPort(0), Clock.systemUTC(),
                 new SimpleMeterRegistry());
             CallbackSink sink = CallbackSink.start();
             Gateway gateway = Gateway.start(E2e.config(E2e.overrides(ismg.port(), E2e.h2Url(dir), "sa", "",
                 sink.uri())), Clock.systemUTC())) {
            URI api = URI.create("http://127.0.0.1:" + gateway.apiAddress().getPort());
            ConsoleClient console = new ConsoleClient(gateway.managementAddress().getPort());
            assertThat(console.login("demo-operator", "demo-operator-password").statusCode()).isEqualTo(303);

            String first = row(console);
            assertThat(cell(first, "tps")).as("no earlier reading to compare with").startsWith("\u2014 / ");

            List<String> ids = E2e.sendBatch(api, 13800000000L, MESSAGES);
            Await.until("every SMS_REPORT callback", E2e.TIMEOUT, () -> sink.reports().keySet().containsAll(ids),
                () -> sink.reports().size());

            String up = row(console);
            long submits = Long.parseLong(cell(up, "submits"));
            assertThat(submits).as("resends included").isGreaterThanOrEqualTo(MESSAGES);
            assertThat(cell(up, "results")).as("every SUBMIT answered with Result 0").isEqualTo("0: " + submits);
            assertThat(cell(up, "reports")).isEqualTo("DELIVRD: " + MESSAGES);
            assertThat(cell(up, "tps")).as("submits per second since the first view").matches("\\d+\\.\\d / \\d+");
            assertThat(Double.parseDouble(cell(up, "tps").split(" / ")[0])).isPositive();
            assertThat(up).contains("class=\"up\">up</td>");
            List<String> linksUp = links(up);
            assertThat(linksUp).isNotEmpty().allSatisfy(link -> assertThat(link).startsWith("up "));
            assertThat(cell(up, "reconnects")).isEqualTo("0");

            // the carrier goes away: the provider and every connection turn down, with a later since, and the slots
            // try again
            ismg.close();
            AtomicReference<String> down = new AtomicReference<>();
            Await.until("the row shows the provider down and a reconnect", E2e.TIMEOUT, () -> {
                down.set(row(console));
                return down.get().contains("class=\"down\">down</td>")
                    && Long.parseLong(cell(down.get(), "reconnects")) > 0;
            }, down::get);
            List<String> linksDown = links(down.get());
            assertThat(linksDown).hasSameSizeAs(linksUp);
            for (int i = 0; i < linksDown.size(); i++) {
                assertThat(linksDown.get(i)).startsWith("down ");
                assertThat(since(linksDown.get(i))).isAfterOrEqualTo(since(linksUp.get(i)));
            }
            assertThat(cell(down.get(), "submits")).as("counts outlive the connections").isEqualTo(cell(up,
                "submits"));
            assertThat(cell(down.get(), "tps")).startsWith("0.0 / ");
        }
    }

    private static String row(ConsoleClient console) {
        HttpResponse<String> table = console.get("/console/channels/table");
        assertThat(table.statusCode()).as(table.body()).isEqualTo(200);
        Matcher m = ROW.matcher(table.body());
        assertThat(m.find()).as(table.body()).isTrue();
        return m.group(1);
    }

    private static String cell(String row, String name) {
        Matcher m = Pattern.compile("class=\"" + name + "\">([^<]*)<").matcher(row);
        assertThat(m.find()).as(name + " in " + row).isTrue();
        return m.group(1).strip();
    }

    /** "up 2026-12-04T15:20:01Z" per connection, in slot order. */
    private static List<String> links(String row) {
        Matcher m = Pattern.compile("<span class=\"[a-z]+\">([a-z]+)</span> since <time datetime=\"([^\"]+)\">")
            .matcher(row);
        return m.results().map(r -> r.group(1) + " " + r.group(2)).toList();
    }

    private static Instant since(String link) {
        return Instant.parse(link.substring(link.indexOf(' ') + 1));
    }
}
