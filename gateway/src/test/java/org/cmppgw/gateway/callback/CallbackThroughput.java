package org.cmppgw.gateway.callback;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import org.cmppgw.gateway.config.CallbackConfig;
import org.cmppgw.testing.Await;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Manual measurement, not a test: how many callbacks per second the dispatcher delivers to one local receiver (a
 * minimal Netty HTTP server answering 200), through a real H2 outbox; and, first, how many POSTs per second the bare
 * JDK client makes at the same concurrency. Run it on a quiet machine; see the callback package's report for the
 * command and figures.
 *
 * <p>Arguments: callbacks (default 20000), connections per endpoint (default 32).
 */
public final class CallbackThroughput {
    private CallbackThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int perEndpoint = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        AtomicLong received = new AtomicLong();
        EventLoopGroup group = new NioEventLoopGroup(1);
        try {
            Channel server = receiver(group, received);
            String url = "http://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort() + "/cb";
            bareClient(url, count, perEndpoint, received);
            received.set(0);
            dispatcher(url, count, perEndpoint, received);
        } finally {
            group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).sync();
        }
    }

    private static void bareClient(String url, int count, int concurrency, AtomicLong received) throws Exception {
        try (CallbackHttp http = new CallbackHttp(Duration.ofSeconds(2), Duration.ofSeconds(10), 1,
            CallbackTrust.of(""), System::nanoTime, () -> { })) {
            Semaphore slots = new Semaphore(concurrency);
            URI uri = URI.create(url);
            String body = "nonce=1&timestamp=2&signature=abc&type=SMS_REPORT&data=%7B%7D";
            for (int warm = 0; warm < 2; warm++) {
                long start = System.nanoTime();
                cpuAtStart = cpuNanos();
                for (int i = 0; i < count; i++) {
                    slots.acquire();
                    http.post(uri, body).whenComplete((r, e) -> slots.release());
                }
                slots.acquire(concurrency);
                slots.release(concurrency);
                report(warm == 0 ? "bare CallbackHttp (warm-up)" : "bare CallbackHttp", count, start);
            }
        }
    }

    private static void dispatcher(String url, int count, int perEndpoint, AtomicLong received) throws Exception {
        Path dir = Files.createTempDirectory("callback-throughput");
        try (OutboxFixture fixture = new OutboxFixture(dir)) {
            long writing = System.nanoTime();
            cpuAtStart = cpuNanos();
            for (int made = 0; made < count; made += 10_000) {
                // the store's write queue holds 50,000 rows: write in slices
                fixture.finalReports(url, "DELIVRD", Math.min(10_000, count - made));
            }
            report("final reports written (accept+submit+report)", count, writing);
            CallbackConfig callbacks = OutboxFixture.callbacks(List.of(Duration.ofMinutes(3)), Duration.ofSeconds(10),
                perEndpoint, 100, Duration.ofSeconds(30));
            CallbackSettings settings = new CallbackSettings(callbacks, 10_000, 256, 500, Duration.ofMillis(100),
                Duration.ofSeconds(20), Duration.ofSeconds(1));
            long start = System.nanoTime();
            cpuAtStart = cpuNanos();
            Map<String, Long> threadsBefore = cpuByThread();
            fixture.start(settings, OutboxFixture.config(url));
            // Every POST received first (cheap to read), so the outbox is counted only in the last few ms.
            Await.until("the outbox to empty", Duration.ofMinutes(10),
                () -> received.get() >= count && fixture.outboxRows() == 0);
            report("dispatcher: claim, sign, POST, markSent (outbox empty)", count, start);
            Map<String, Long> threadsAfter = cpuByThread();
            threadsAfter.forEach((name, cpu) -> {
                long used = cpu - threadsBefore.getOrDefault(name, 0L);
                if (used > 0) {
                    System.out.printf("  %-40s CPU %6.1f us per callback%n", name, used / 1e3 / count);
                }
            });
            System.out.printf("received %d POSTs for %d callbacks%n", received.get(), count);
        }
    }

    private static long cpuAtStart;

    /** Wall-clock rate, and process CPU per item (receiver and store included), which a busy machine inflates less. */
    private static void report(String what, int count, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        long cpu = cpuNanos();
        double cpuMicros = (cpu - cpuAtStart) / 1e3 / count;
        cpuAtStart = cpu;
        System.out.printf("%-55s %6d in %6.2f s = %7.0f /s; CPU %6.1f us each = %7.0f /s on 2 idle cores%n", what,
            count, seconds, count / seconds, cpuMicros, 2e6 / cpuMicros);
    }

    /** Thread CPU time by thread name with the digits dropped (pools add up). */
    private static Map<String, Long> cpuByThread() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> cpu = new TreeMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                long t = threads.getThreadCpuTime(info.getThreadId());
                if (t > 0) {
                    cpu.merge(info.getThreadName().replaceAll("[0-9]+", "N"), t, Long::sum);
                }
            }
        }
        return cpu;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime();
    }

    private static Channel receiver(EventLoopGroup group, AtomicLong received) throws InterruptedException {
        return new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(64 * 1024),
                        new SimpleChannelInboundHandler<FullHttpRequest>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
                                received.incrementAndGet();
                                FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                                    HttpResponseStatus.OK, Unpooled.wrappedBuffer(new byte[] {'o', 'k'}));
                                response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 2);
                                ctx.writeAndFlush(response);
                            }
                        });
                }
            })
            .bind("127.0.0.1", 0).sync().channel();
    }
}
