package org.cmppgw.gateway.app;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.cmppgw.simulator.ismg.IsmgConfig;
import org.cmppgw.simulator.ismg.IsmgServer;
import org.cmppgw.simulator.ismg.ReportConfig;
import org.cmppgw.testing.Await;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The messages both statistics tests count (ConsoleStatsIT, ConsoleStatsBrowserIT): a gateway on H2 whose rollup runs
 * every 200 ms with no lag, one batch sent through the simulated ISMG that reports as {@code reports} says, and the
 * Stat of every message's SMS_REPORT callback once all of them have come. Closing it stops the gateway, the callback
 * sink and the ISMG, in that order.
 */
final class ConsoleStatsSeed implements AutoCloseable {
    private final Map<String, Long> byStat = new HashMap<>();
    private IsmgServer ismg;
    private CallbackSink sink;
    private Gateway gateway;

    private ConsoleStatsSeed() {
    }

    /** Sends {@code messages} to consecutive mobiles from {@code firstMobile} and waits for every report. */
    static ConsoleStatsSeed send(Path dir, ReportConfig reports, long firstMobile, int messages) {
        ConsoleStatsSeed seed = new ConsoleStatsSeed();
        try {
            seed.ismg = IsmgServer.start(new IsmgConfig(null, 0, 0, null, null, reports, null, null),
                Clock.systemUTC(), new SimpleMeterRegistry());
            seed.sink = CallbackSink.start();
            seed.gateway = Gateway.start(E2e.config(E2e.overrides(seed.ismg.port(), E2e.h2Url(dir), "sa", "",
                seed.sink.uri()), "stats.interval=200ms", "stats.lag=0s"), Clock.systemUTC());
            URI api = URI.create("http://127.0.0.1:" + seed.gateway.apiAddress().getPort());
            List<String> ids = E2e.sendBatch(api, firstMobile, messages);
            CallbackSink sink = seed.sink;
            Await.until("every SMS_REPORT callback", E2e.TIMEOUT, () -> sink.reports().keySet().containsAll(ids),
                () -> sink.reports().size());
            ids.forEach(id -> seed.byStat.merge(sink.reports().get(id).first().path("stat").asText(), 1L, Long::sum));
            return seed;
        } catch (RuntimeException | AssertionError e) {
            seed.close();
            throw e;
        }
    }

    Gateway gateway() {
        return gateway;
    }

    /** How many of the messages got a report with {@code stat} (e.g. DELIVRD). */
    long reported(String stat) {
        return byStat.getOrDefault(stat, 0L);
    }

    /** The Stats the messages' reports carried. */
    Iterable<String> stats() {
        return byStat.keySet();
    }

    @Override
    public void close() {
        E2e.closeAll(gateway, sink, ismg);
    }
}
