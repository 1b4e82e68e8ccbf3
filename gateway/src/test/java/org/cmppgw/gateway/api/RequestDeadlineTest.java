package org.cmppgw.gateway.api;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import org.cmppgw.gateway.metrics.GatewayMetrics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link RequestDeadline} in an embedded pipeline with Netty's codec and aggregator, time driven by the channel. */
class RequestDeadlineTest {
    private static final long TIMEOUT_MS = 1000;
    private static final byte[] REQUEST = ("POST /v1/messages HTTP/1.1\r\nHost: test\r\nContent-Length: 2\r\n\r\n{}")
        .getBytes(StandardCharsets.US_ASCII);

    private final AtomicInteger timedOut = new AtomicInteger();
    private EmbeddedChannel channel;

    @BeforeEach
    void open() throws Exception {
        RequestDeadline deadline = new RequestDeadline(TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS), new GatewayMetrics() {
            @Override
            public void apiRequestTimedOut() {
                timedOut.incrementAndGet();
            }
        });
        channel = new EmbeddedChannel(false, false, deadline, new HttpServerCodec(),
            new HttpObjectAggregator(1024), deadline.completion(), new ChannelInboundHandlerAdapter() {
                @Override
                public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                    // as ApiRequestHandler does: the aggregator complains when a request is cut off mid-body
                    ctx.close();
                }
            });
        // frozen before the connection opens, so the deadline counts exactly from the open
        channel.freezeTime();
        channel.register();
    }

    private void advance(long millis) {
        channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
    }

    private void write(byte[] bytes, int from, int to) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes, from, to - from));
    }

    @Test
    void aConnectionThatSendsNothingIsClosedAtTheDeadline() {
        advance(TIMEOUT_MS - 1);
        assertThat(channel.isOpen()).isTrue();

        advance(1);

        assertThat(channel.isOpen()).isFalse();
        assertThat(timedOut).hasValue(1);
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void trickledBytesDoNotMoveTheDeadline() {
        int i = 0;
        for (; i < 9; i++) {
            write(REQUEST, i, i + 1);
            advance(TIMEOUT_MS / 10);
        }
        assertThat(channel.isOpen()).isTrue();

        write(REQUEST, i, i + 1);
        advance(TIMEOUT_MS / 10);

        assertThat(channel.isOpen()).as("closed %d ms after the open, %d bytes in", TIMEOUT_MS, i + 1).isFalse();
        assertThat(timedOut).hasValue(1);
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void aWholeRequestEndsTheDeadlineAndTheNextRequestsFirstByteStartsANewOne() {
        write(REQUEST, 0, REQUEST.length);
        FullHttpRequest request = channel.readInbound();
        request.release();
        advance(TIMEOUT_MS * 5);
        assertThat(channel.isOpen()).as("between requests only the idle timeout applies").isTrue();

        write(REQUEST, 0, 10);
        advance(TIMEOUT_MS - 1);
        write(REQUEST, 10, REQUEST.length);
        FullHttpRequest second = channel.readInbound();
        second.release();
        advance(TIMEOUT_MS * 5);

        assertThat(channel.isOpen()).isTrue();
        assertThat(timedOut).hasValue(0);
        Object left = channel.readInbound();
        assertThat(left).isNull();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void aRequestWhoseBodyNeverEndsIsCutOff() {
        write(REQUEST, 0, REQUEST.length - 1);
        advance(TIMEOUT_MS);

        assertThat(channel.isOpen()).isFalse();
        Object left = channel.readInbound();
        assertThat(left).isNull();
        assertThat(channel.finish()).isFalse();
    }
}
