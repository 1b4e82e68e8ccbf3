package org.cmppgw.simulator.load;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;

import java.util.ArrayDeque;
import java.util.List;

/**
 * One keep-alive HTTP/1.1 connection to the target, with the requests it has in flight in send order (responses
 * come back in that order, also when pipelining). Lives on the generator's event loop. Marked sharable only so the
 * same instance can be installed again on reconnect; it is never in two pipelines at once.
 */
@ChannelHandler.Sharable
final class ApiConnection extends SimpleChannelInboundHandler<FullHttpResponse> {
    /** What the run needs to hear from a connection. */
    interface Listener {
        void onResponse(ApiConnection connection, Flight flight, FullHttpResponse response);

        /** The connection closed; {@code lost} are the requests that never got a response. */
        void onClosed(ApiConnection connection, List<Flight> lost, String reason);
    }

    /**
     * A request in flight.
     *
     * @param sentNanos when it was written
     * @param messages  how many recipients it carries
     */
    record Flight(long sentNanos, int messages) {
    }

    private final Listener listener;
    private final int depth;
    private final ArrayDeque<Flight> inFlight;
    private Channel channel;
    private String closeReason = "connection_closed";

    ApiConnection(Listener listener, int depth) {
        this.listener = listener;
        this.depth = depth;
        this.inFlight = new ArrayDeque<>(depth);
    }

    /** Whether another request may be written now. */
    boolean ready() {
        return channel != null && channel.isActive() && inFlight.size() < depth;
    }

    /** The channel's allocator; only valid while {@link #ready()}. */
    ByteBufAllocator alloc() {
        return channel.alloc();
    }

    int inFlight() {
        return inFlight.size();
    }

    /** The send time of the oldest request in flight, or {@link Long#MAX_VALUE} when idle. */
    long oldestSentNanos() {
        Flight head = inFlight.peek();
        return head == null ? Long.MAX_VALUE : head.sentNanos();
    }

    void send(FullHttpRequest request, Flight flight) {
        inFlight.add(flight);
        channel.writeAndFlush(request).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    }

    /** Forgets the requests in flight and returns them (the run is over). */
    List<Flight> drain() {
        List<Flight> flights = List.copyOf(inFlight);
        inFlight.clear();
        return flights;
    }

    /** Closes the connection, counting what is in flight under {@code reason}. */
    void abort(String reason) {
        closeReason = reason;
        if (channel != null) {
            channel.close();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        closeReason = "connection_closed";
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
        Flight flight = inFlight.poll();
        if (flight == null) {
            abort("unexpected_response");
            return;
        }
        listener.onResponse(this, flight, response);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        List<Flight> lost = List.copyOf(inFlight);
        inFlight.clear();
        channel = null;
        listener.onClosed(this, lost, closeReason);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        abort("connection_error");
    }
}
