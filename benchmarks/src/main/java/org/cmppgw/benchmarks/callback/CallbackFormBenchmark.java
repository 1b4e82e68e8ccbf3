package org.cmppgw.benchmarks.callback;

import org.cmppgw.gateway.callback.CallbackForm;
import org.cmppgw.gateway.callback.JsmsReportStatus;
import org.cmppgw.gateway.config.AppConfig;
import org.cmppgw.gateway.config.CallbackUrl;
import org.cmppgw.gateway.config.Secret;
import org.cmppgw.gateway.model.CallbackTask;
import org.cmppgw.gateway.model.FinalReport;
import org.cmppgw.gateway.model.MessageStatus;
import org.cmppgw.gateway.model.MoMessage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The body of one callback ({@link CallbackForm#encode}): a fresh nonce, the SHA-1 signature, the {@code data} JSON
 * and the form encoding of every field. One per delivery report, on the callback dispatcher's thread, so its cost is
 * part of the gateway's CPU per message ({@code benchmarks/scripts/per-message.sh}). The MO reply carries Chinese
 * text, which the form encodes as UTF-8 escapes.
 *
 * <pre>
 * ./mvnw -B -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar CallbackFormBenchmark -f 1 -wi 3 -w 2s -i 5 -r 2s [-prof gc]
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CallbackFormBenchmark {
    private static final String APP_KEY = "demo-app-key";
    private static final String URL = "http://127.0.0.1:8090/callback";

    private final CallbackForm form = new CallbackForm(
        List.of(new AppConfig(APP_KEY, new Secret("demo-master-secret"), List.of(new CallbackUrl(URL, true)), List.of(),
            0, 0)),
        JsmsReportStatus.defaults(), Clock.systemUTC());
    private final CallbackTask report = new CallbackTask(1, APP_KEY, URL, 1, new FinalReport(7_315_000_123_456_789L,
        "13800138000", MessageStatus.DELIVERED, "DELIVRD", Instant.parse("2026-12-05T08:00:00Z")));
    private final CallbackTask reply = new CallbackTask(2, APP_KEY, URL, 1, new MoMessage(3, "cmpp-demo", 9, APP_KEY,
        URL, "13800138000", "10690001", "好的，收到，谢谢", Instant.parse("2026-12-05T08:00:00Z")));

    /** An SMS_REPORT: the callback every message ends with. */
    @Benchmark
    public String report() {
        return form.encode(report);
    }

    /** An SMS_REPLY with Chinese text. */
    @Benchmark
    public String reply() {
        return form.encode(reply);
    }
}
