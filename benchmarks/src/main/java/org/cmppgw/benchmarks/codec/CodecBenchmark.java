package org.cmppgw.benchmarks.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.codec.CmppDecoder;
import org.cmppgw.cmpp.codec.CmppEncoder;
import org.cmppgw.cmpp.pdu.CmppDeliver;
import org.cmppgw.cmpp.pdu.CmppPdu;
import org.cmppgw.cmpp.pdu.CmppSubmit;
import org.cmppgw.cmpp.pdu.MsgId;
import org.cmppgw.cmpp.pdu.StatusReport;
import org.cmppgw.cmpp.sms.Segmenter;
import org.cmppgw.cmpp.sms.SegmenterOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Encode and decode of the two PDUs every message costs on a CMPP 3.0 link: a single-part UCS2 SUBMIT (the golden
 * vector's shape, docs/cmpp-protocol.md §17) and a DELIVER carrying a 71-byte status report (§7.4).
 *
 * <p>Encoding writes into one reused pooled buffer ({@code clear()} per call), the way a batched flush reuses its
 * buffer; decoding rereads one prepared frame ({@code readerIndex(0)} per call) through
 * {@link CmppDecoder#decodeFrame}, which consumes no reference. So the numbers are the codec's own cost, and
 * {@code -prof gc} shows the allocation per PDU: the decoded records and their strings, nothing from Netty. The
 * benchmark threads are {@link EventLoopThreads} so Netty's thread-local scratch arrays behave as on an event loop.
 *
 * <pre>
 * ./mvnw -B -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar CodecBenchmark -f 1 -wi 3 -w 2s -i 5 -r 2s [-prof gc]
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Djmh.executor=CUSTOM",
    "-Djmh.executor.class=org.cmppgw.benchmarks.codec.EventLoopThreads"})
public class CodecBenchmark {
    /** A typical verification-code text: 20 characters, one UCS2 part. */
    private static final String TEXT = "您的验证码为123456，5分钟内有效。";

    private final CmppEncoder encoder = CmppEncoder.V30;
    private CmppSubmit submit;
    private CmppDeliver report;
    private ByteBuf out;
    private ByteBuf submitFrame;
    private ByteBuf reportFrame;

    @Setup(Level.Trial)
    public void setUp() {
        CmppSubmit.Builder template = CmppSubmit.builder().sequenceId(3).serviceId("TEST").msgSrc("901234")
            .srcId("1069000001").destTerminalId("13800138000");
        submit = Segmenter.toSubmits(new Segmenter(SegmenterOptions.defaults()).split(TEXT), template).get(0);
        StatusReport status = new StatusReport(MsgId.of(11, 21, 22, 50, 31, 79101, 1), StatusReport.DELIVERED,
            "2511212250", "2511212251", "13800138000", 123456);
        report = CmppDeliver.report(100, MsgId.of(11, 21, 22, 51, 2, 79101, 7), "1069000001", "TEST", status);

        PooledByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
        out = alloc.directBuffer(CmppDecoder.DEFAULT_MAX_FRAME_LENGTH);
        submitFrame = frame(alloc, submit);
        reportFrame = frame(alloc, report);
        check(decodeSubmit(), submit);
        check(decodeReport(), report);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        out.release();
        submitFrame.release();
        reportFrame.release();
    }

    @Benchmark
    public int encodeSubmit() {
        out.clear();
        encoder.encode(submit, out);
        return out.writerIndex();
    }

    @Benchmark
    public int encodeReport() {
        out.clear();
        encoder.encode(report, out);
        return out.writerIndex();
    }

    @Benchmark
    public Object decodeSubmit() {
        submitFrame.readerIndex(0);
        return CmppDecoder.decodeFrame(submitFrame, CmppVersion.V30);
    }

    @Benchmark
    public Object decodeReport() {
        reportFrame.readerIndex(0);
        return CmppDecoder.decodeFrame(reportFrame, CmppVersion.V30);
    }

    private ByteBuf frame(PooledByteBufAllocator alloc, CmppPdu pdu) {
        ByteBuf frame = alloc.directBuffer(encoder.totalLength(pdu));
        encoder.encode(pdu, frame);
        return frame;
    }

    /** Fails the trial early if a decode does not give back what was encoded: a benchmark of a bug is worthless. */
    private static void check(Object decoded, CmppPdu expected) {
        if (!expected.equals(decoded)) {
            throw new IllegalStateException("benchmark setup - decoded " + decoded + " (expected: " + expected + ")");
        }
    }
}
