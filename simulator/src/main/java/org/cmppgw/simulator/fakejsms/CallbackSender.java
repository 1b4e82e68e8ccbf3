package org.cmppgw.simulator.fakejsms;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import org.cmppgw.simulator.jsms.JsmsSignature;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The fake endpoint's delivery reports: each accepted message gets a signed SMS_REPORT (status 4001, stat
 * DELIVRD) after the configured delay, POSTed as a form (docs/api.md, "Callbacks") and retried until answered with
 * 200 or out of retries. The fault knobs drop, duplicate or mis-sign an exact share of reports. The delay is the
 * same for every message, so due times arrive in order and a FIFO queue drained by a 5 ms tick replaces one timer
 * per message. Confined to the fake server's event loop.
 */
final class CallbackSender {
    private static final long TICK_MILLIS = 5;
    private static final int DELIVERED = 4001;

    private final EventLoop loop;
    private final FakeJsmsConfig config;
    private final FakeJsmsStats stats;
    private final Clock clock;
    private final LongSupplier nanoClock;
    private final JsmsSignature signature;
    private final JsmsSignature wrongSignature;
    private final FractionPicker drop;
    private final FractionPicker duplicate;
    private final FractionPicker badSignature;
    private final SplittableRandom random = new SplittableRandom();
    private final ArrayDeque<Delivery> delayed = new ArrayDeque<>();
    private final Map<String, CallbackPool> pools = new HashMap<>();
    private ScheduledFuture<?> ticker;

    CallbackSender(EventLoop loop, FakeJsmsConfig config, FakeJsmsStats stats, Clock clock, LongSupplier nanoClock) {
        this.loop = loop;
        this.config = config;
        this.stats = stats;
        this.clock = clock;
        this.nanoClock = nanoClock;
        this.signature = new JsmsSignature(config.appKey(), config.masterSecret());
        this.wrongSignature = new JsmsSignature(config.appKey(), config.masterSecret() + "-wrong");
        this.drop = new FractionPicker(config.dropPercent());
        this.duplicate = new FractionPicker(config.duplicatePercent());
        this.badSignature = new FractionPicker(config.badSignaturePercent());
    }

    void start() {
        ticker = loop.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    void stop() {
        if (ticker != null) {
            ticker.cancel(false);
        }
        delayed.clear();
        pools.values().forEach(CallbackPool::close);
    }

    /** Owes a report for {@code msgId}; {@code url} null means the app gave no callback URL. */
    void schedule(String msgId, String mobile, URI url) {
        if (url == null) {
            stats.skipped.increment();
            return;
        }
        if (drop.next()) {
            stats.dropped.increment();
            return;
        }
        boolean bad = badSignature.next();
        if (bad) {
            stats.badlySigned.increment();
        }
        long due = nanoClock.getAsLong() + TimeUnit.MILLISECONDS.toNanos(config.callbackDelayMillis());
        Delivery delivery = new Delivery(msgId, mobile, url, due, bad, 0);
        delayed.add(delivery);
        if (duplicate.next()) {
            stats.duplicated.increment();
            delayed.add(delivery);
        }
    }

    private void tick() {
        long now = nanoClock.getAsLong();
        while (!delayed.isEmpty() && now - delayed.peek().dueNanos() >= 0) {
            Delivery delivery = delayed.poll();
            pool(delivery.url()).enqueue(delivery);
        }
    }

    private CallbackPool pool(URI url) {
        String key = url.getScheme() + "://" + url.getHost() + ":" + url.getPort();
        CallbackPool pool = pools.get(key);
        if (pool == null) {
            pool = new CallbackPool(loop, url, config.callbackConnections(), config.callbackRetryDelayMillis(),
                this::formBody, d -> stats.delivered.increment(), this::failed);
            pools.put(key, pool);
        }
        return pool;
    }

    private void failed(Delivery delivery) {
        stats.failedAttempts.increment();
        if (delivery.attempt() >= config.callbackRetries()) {
            stats.abandoned.increment();
            return;
        }
        Delivery retry = delivery.retry();
        loop.schedule(() -> pool(retry.url()).enqueue(retry), config.callbackRetryDelayMillis(),
            TimeUnit.MILLISECONDS);
    }

    /** {@code nonce=…&timestamp=…&signature=…&type=SMS_REPORT&data=…}, signed at send time. */
    private String formBody(Delivery delivery) {
        long millis = clock.millis();
        String nonce = Long.toString(random.nextLong() & Long.MAX_VALUE);
        String timestamp = Long.toString(millis);
        String sign = (delivery.badSignature() ? wrongSignature : signature).sign(nonce, timestamp);
        String data = "{\"msgId\":\"" + delivery.msgId() + "\",\"status\":" + DELIVERED + ",\"receiveTime\":"
            + millis / 1000 + ",\"phone\":\"" + delivery.mobile() + "\",\"stat\":\"DELIVRD\"}";
        return "nonce=" + nonce + "&timestamp=" + timestamp + "&signature=" + sign + "&type=SMS_REPORT&data="
            + URLEncoder.encode(data, StandardCharsets.UTF_8);
    }
}
