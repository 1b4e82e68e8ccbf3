package org.cmppgw.interop;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.cmppgw.simulator.http.HttpServers;
import org.cmppgw.simulator.jsms.CallbackEndpoint;
import org.cmppgw.simulator.jsms.CallbackListener;
import org.cmppgw.simulator.jsms.JsmsCallback;
import org.cmppgw.simulator.jsms.JsmsSignature;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The app's callback URL: the simulator's {@link CallbackEndpoint} (signature checked) on 127.0.0.1 and a free
 * port, keeping every SMS_REPORT by the gateway's msg id, duplicates included.
 */
final class CallbackReceiver implements AutoCloseable, CallbackListener {
    private static final String PATH = "/callback";

    private final EventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("callbacks", true));
    private final Map<String, List<JsonNode>> reports = new ConcurrentHashMap<>();
    private final AtomicLong bad = new AtomicLong();
    private final Channel server;

    CallbackReceiver(String appKey, String masterSecret) {
        CallbackEndpoint endpoint = new CallbackEndpoint(PATH, new JsmsSignature(appKey, masterSecret), this);
        server = HttpServers.bind(group, "127.0.0.1", 0, 64 * 1024, () -> endpoint);
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + HttpServers.port(server) + PATH);
    }

    /** SMS_REPORT callbacks by msg id, in arrival order. */
    Map<String, List<JsonNode>> reports() {
        return reports;
    }

    /** Callbacks with a bad signature or unusable data. */
    long bad() {
        return bad.get();
    }

    @Override
    public boolean onCallback(JsmsCallback callback) {
        JsonNode data = callback.dataJson().orElse(null);
        if (data == null || !"SMS_REPORT".equals(callback.type())) {
            bad.incrementAndGet();
            return data != null;
        }
        reports.computeIfAbsent(data.path("msgId").asText(), id -> new CopyOnWriteArrayList<>()).add(data);
        return true;
    }

    @Override
    public void onBadSignature(JsmsCallback callback) {
        bad.incrementAndGet();
    }

    @Override
    public void onMalformed(String problem, String body) {
        bad.incrementAndGet();
    }

    @Override
    public void close() {
        server.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
