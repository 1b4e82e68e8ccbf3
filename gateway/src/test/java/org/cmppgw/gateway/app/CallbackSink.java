package org.cmppgw.gateway.app;

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
 * An app's callback receiver for the end-to-end tests: the simulator's {@link CallbackEndpoint} (signature checked)
 * on 127.0.0.1 and a free port, recording every SMS_REPORT by msg id (how many, and when the first came) and every
 * SMS_REPLY. While {@link #down(boolean) down} it refuses callbacks with 400, which the gateway must retry.
 */
final class CallbackSink implements AutoCloseable, CallbackListener {
    static final String PATH = "/callback";

    /**
     * What arrived for one msg id: SMS_REPORT callbacks, the first one's data and the sender's own {@code timestamp}
     * (epoch ms, when the gateway signed it: which process sent it, however late it was read).
     */
    record Report(int count, JsonNode first, long firstSentMillis) {
    }

    private final EventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("sink", true));
    private final Map<String, Report> reports = new ConcurrentHashMap<>();
    private final List<JsonNode> replies = new CopyOnWriteArrayList<>();
    private final List<Map.Entry<String, JsonNode>> reviews = new CopyOnWriteArrayList<>();
    private final Map<String, JsonNode> emailReports = new ConcurrentHashMap<>();
    private final List<JsonNode> policyReports = new CopyOnWriteArrayList<>();
    private final List<JsonNode> clicks = new CopyOnWriteArrayList<>();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong bad = new AtomicLong();
    private final Channel server;
    private volatile boolean down;

    private CallbackSink(String appKey, String masterSecret) {
        CallbackEndpoint endpoint = new CallbackEndpoint(PATH, new JsmsSignature(appKey, masterSecret), this);
        server = HttpServers.bind(group, "127.0.0.1", 0, 64 * 1024, () -> endpoint);
    }

    /** A receiver for the demo app of config/gateway.yaml. */
    static CallbackSink start() {
        return new CallbackSink(E2e.APP_KEY, E2e.MASTER_SECRET);
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + HttpServers.port(server) + PATH);
    }

    void down(boolean value) {
        down = value;
    }

    /** SMS_REPORT callbacks by msg id. */
    Map<String, Report> reports() {
        return reports;
    }

    /** Msg ids with more than one SMS_REPORT. */
    Map<String, Report> duplicates() {
        Map<String, Report> dups = new ConcurrentHashMap<>();
        reports.forEach((id, r) -> {
            if (r.count() > 1) {
                dups.put(id, r);
            }
        });
        return dups;
    }

    List<JsonNode> replies() {
        return replies;
    }

    /** SMS_TEMPLATE and SMS_SIGN callbacks: type and data, in arrival order. */
    List<Map.Entry<String, JsonNode>> reviews() {
        return reviews;
    }

    /** EMAIL_REPORT callbacks' data by email id (the last one of each). */
    Map<String, JsonNode> emailReports() {
        return emailReports;
    }

    /** POLICY_REPORT callbacks' data, in arrival order. */
    List<JsonNode> policyReports() {
        return policyReports;
    }

    /** CLICK callbacks' data, in arrival order (docs/api.md "Click tracking"). */
    List<JsonNode> clicks() {
        return clicks;
    }

    /** Callbacks answered 400 while down. */
    long refused() {
        return refused.get();
    }

    /** Callbacks with a bad signature, missing fields or unusable data. */
    long bad() {
        return bad.get();
    }

    private static long sentMillis(JsmsCallback callback) {
        try {
            return Long.parseLong(callback.timestamp());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public boolean onCallback(JsmsCallback callback) {
        if (down) {
            refused.incrementAndGet();
            return false;
        }
        JsonNode data = callback.dataJson().orElse(null);
        if (data == null) {
            bad.incrementAndGet();
            return false;
        }
        switch (callback.type()) {
            case "SMS_REPORT" -> {
                reports.merge(data.path("msgId").asText(), new Report(1, data, sentMillis(callback)),
                    (old, one) -> new Report(old.count() + 1, old.first(), old.firstSentMillis()));
            }
            case "SMS_REPLY" -> replies.add(data);
            case "SMS_TEMPLATE", "SMS_SIGN" -> reviews.add(Map.entry(callback.type(), data));
            case "EMAIL_REPORT" -> emailReports.put(data.path("emailId").asText(), data);
            case "POLICY_REPORT" -> policyReports.add(data);
            case "CLICK" -> clicks.add(data);
            default -> bad.incrementAndGet();
        }
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
