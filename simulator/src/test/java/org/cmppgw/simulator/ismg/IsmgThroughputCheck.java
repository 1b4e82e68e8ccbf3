package org.cmppgw.simulator.ismg;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Not a test: an ISMG to measure by hand, with the benchmarks module's loopback client as the SP in another JVM
 * (performance is never asserted in tests). The demo account, 4 gateway codes (so Msg_Ids stay in their second above
 * 65,536 ids/s), reports after {@code reportMillis}. Prints submits and reports per second once a second.
 *
 * <pre>
 * java -cp "$CP" org.cmppgw.simulator.ismg.IsmgThroughputCheck [port=7890] [ioThreads=2] [reportMillis=500]
 * java -cp benchmarks/target/benchmarks.jar org.cmppgw.benchmarks.loopback.LoopbackClient --connections 4
 * </pre>
 */
public final class IsmgThroughputCheck {
    private IsmgThroughputCheck() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : IsmgConfig.DEFAULT_PORT;
        int ioThreads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        long reportMillis = args.length > 2 ? Long.parseLong(args[2]) : ReportDelay.DEFAULT_MILLIS;
        IsmgAccountConfig account = new IsmgAccountConfig(IsmgAccountConfig.DEMO_SOURCE_ADDR,
            IsmgAccountConfig.DEMO_SECRET, 64, 0, List.of(79101, 79102, 79103, 79104), null, null, null);
        IsmgConfig config = new IsmgConfig(null, port, 0, null, List.of(account),
            new ReportConfig(ReportDelay.fixed(reportMillis), null), null, null);
        IsmgServer server = IsmgServer.builder(config).clock(Clock.systemUTC()).registry(new SimpleMeterRegistry())
            .ioThreads(ioThreads).start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.println("ismg throughput check on :" + server.port() + ", ioThreads=" + ioThreads
            + ", reports after " + reportMillis + " ms");
        AccountTraffic traffic = server.traffic(account.sourceAddr());
        AccountTraffic.Snapshot last = traffic.snapshot();
        long start = System.nanoTime();
        for (int second = 1; ; second++) {
            long wait = start + TimeUnit.SECONDS.toNanos(second) - System.nanoTime();
            TimeUnit.NANOSECONDS.sleep(Math.max(0, wait));
            AccountTraffic.Snapshot now = traffic.snapshot();
            System.out.println(second + "s: submits/s=" + (now.submits() - last.submits()) + " reports/s="
                + (now.reportsAcknowledged() - last.reportsAcknowledged()) + " pending=" + server.pendingReports()
                + " connections=" + server.connections(account.sourceAddr()));
            last = now;
        }
    }
}
