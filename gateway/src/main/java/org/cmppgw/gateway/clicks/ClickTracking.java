package org.cmppgw.gateway.clicks;

import org.cmppgw.gateway.config.ClicksConfig;
import org.cmppgw.gateway.intake.ApiError;
import org.cmppgw.gateway.intake.Outcome;
import org.cmppgw.gateway.intake.StoreThread;
import org.cmppgw.gateway.metrics.GatewayMetrics;
import org.cmppgw.gateway.model.Channel;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Click tracking as the rest of the gateway sees it (docs/api.md "Click tracking"): the rewriting of a send's links
 * ({@link #links}), the store that keeps them ({@link #store}), and the clicks on the tracking URLs, looked up and
 * recorded on a store thread of their own so the API's event loops never wait for the database.
 */
public final class ClickTracking implements ClickHistory, AutoCloseable {
    /** Clicks waiting for the store thread; more are answered 503. */
    private static final int QUEUE = 1_000;

    private final ClicksConfig config;
    private final ClickLinks links;
    private final ClickStore store;
    private final GatewayMetrics metrics;
    private final Clock clock;
    private final StoreThread thread = new StoreThread("click-store", QUEUE);

    public ClickTracking(ClicksConfig config, ClickStore store, GatewayMetrics metrics, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.links = new ClickLinks(config);
        this.store = Objects.requireNonNull(store, "store");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public ClicksConfig config() {
        return config;
    }

    /** Rewrites the links of a send that asks for tracking. */
    public ClickLinks links() {
        return links;
    }

    public ClickStore store() {
        return store;
    }

    /**
     * Records a click on the tracking URL ending with {@code tokenText}.
     *
     * @return the original link to redirect to; {@link ApiError#LINK_NOT_FOUND} for a token that is malformed or
     *     unknown (never a redirect); 503 or 500 when the store cannot answer
     */
    public CompletableFuture<Outcome<String>> follow(String tokenText) {
        ClickToken token = ClickToken.parse(tokenText, config.tokenBytes());
        if (token == null) {
            metrics.unknownClick();
            return CompletableFuture.completedFuture(Outcome.fail(ApiError.LINK_NOT_FOUND));
        }
        return thread.run(() -> {
            Optional<ClickStore.Click> click = store.click(token, clock.millis());
            if (click.isEmpty()) {
                metrics.unknownClick();
                return Outcome.fail(ApiError.LINK_NOT_FOUND);
            }
            metrics.click(click.get().channel() == Channel.SMS ? "sms" : "email");
            return Outcome.ok(click.get().url());
        });
    }

    @Override
    public Optional<Instant> firstClick(Channel channel, long messageId) {
        return store.firstClick(channel, messageId);
    }

    @Override
    public void close() {
        thread.close();
    }
}
