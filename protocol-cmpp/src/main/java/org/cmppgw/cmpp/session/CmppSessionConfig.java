package org.cmppgw.cmpp.session;

import org.cmppgw.cmpp.codec.CmppDecoder;

import java.time.Duration;

import static org.cmppgw.cmpp.ArgumentChecks.positive;
import static org.cmppgw.cmpp.ArgumentChecks.range;

/**
 * Per-connection timers and limits (docs/cmpp-protocol.md §12.1, §12.2). The defaults are the spec's T, N and W with
 * the 30 s heartbeat real carriers need behind NATs.
 *
 * @param windowSize              W: requests in flight without a response, 1..1024 (default 16)
 * @param responseTimeout         T: how long to wait for a response before resending (default 60 s)
 * @param maxSends                N: total sends of one request, the first included (default 3 = 1 + 2 resends)
 * @param activeTestIdle          C: silence after which an ACTIVE_TEST is sent (default 30 s)
 * @param activeTestMaxMissed     unanswered ACTIVE_TESTs in a row before the peer is declared dead (default 3)
 * @param loginTimeout            how long a CONNECT_RESP (client) or CONNECT (server) may take (default 10 s)
 * @param terminateTimeout        bound on each step of a graceful terminate: the drain, then TERMINATE_RESP (5 s)
 * @param maxFrameLength          largest Total_Length accepted (default 4096, §2.1)
 * @param maxConsecutiveBadFrames malformed or unknown frames in a row before the connection is closed (default 8)
 */
public record CmppSessionConfig(int windowSize, Duration responseTimeout, int maxSends, Duration activeTestIdle,
                                int activeTestMaxMissed, Duration loginTimeout, Duration terminateTimeout,
                                int maxFrameLength, int maxConsecutiveBadFrames) {
    public static final int MAX_WINDOW_SIZE = 1024;
    /** A frame limit above 1 MiB only helps a hostile peer make us buffer. */
    public static final int MAX_FRAME_LENGTH_LIMIT = 1 << 20;
    private static final CmppSessionConfig DEFAULTS = new CmppSessionConfig(16, Duration.ofSeconds(60), 3,
        Duration.ofSeconds(30), 3, Duration.ofSeconds(10), Duration.ofSeconds(5),
        CmppDecoder.DEFAULT_MAX_FRAME_LENGTH, 8);

    public CmppSessionConfig {
        range("windowSize", windowSize, 1, MAX_WINDOW_SIZE);
        positive("responseTimeout", responseTimeout);
        range("maxSends", maxSends, 1, 100);
        positive("activeTestIdle", activeTestIdle);
        range("activeTestMaxMissed", activeTestMaxMissed, 1, 100);
        positive("loginTimeout", loginTimeout);
        positive("terminateTimeout", terminateTimeout);
        range("maxFrameLength", maxFrameLength, CmppDecoder.HEADER_LENGTH, MAX_FRAME_LENGTH_LIMIT);
        range("maxConsecutiveBadFrames", maxConsecutiveBadFrames, 1, 1_000_000);
    }

    /** The spec's recommendations as refined in §12.2. */
    public static CmppSessionConfig defaults() {
        return DEFAULTS;
    }

    /** A builder that starts from {@link #defaults()}. */
    public static Builder builder() {
        return DEFAULTS.toBuilder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.windowSize = windowSize;
        b.responseTimeout = responseTimeout;
        b.maxSends = maxSends;
        b.activeTestIdle = activeTestIdle;
        b.activeTestMaxMissed = activeTestMaxMissed;
        b.loginTimeout = loginTimeout;
        b.terminateTimeout = terminateTimeout;
        b.maxFrameLength = maxFrameLength;
        b.maxConsecutiveBadFrames = maxConsecutiveBadFrames;
        return b;
    }

    /**
     * How often the session sweeps its window for expired requests: an eighth of the response timeout, between
     * 1 ms and 1 s. A request therefore times out between T and T plus one period.
     */
    public Duration sweepPeriod() {
        Duration period = responseTimeout.dividedBy(8);
        if (period.compareTo(Duration.ofMillis(1)) < 0) {
            return Duration.ofMillis(1);
        }
        return period.compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1) : period;
    }

    /** Assembles a {@link CmppSessionConfig}; the record validates on {@link #build()}. */
    public static final class Builder {
        private int windowSize;
        private Duration responseTimeout;
        private int maxSends;
        private Duration activeTestIdle;
        private int activeTestMaxMissed;
        private Duration loginTimeout;
        private Duration terminateTimeout;
        private int maxFrameLength;
        private int maxConsecutiveBadFrames;

        private Builder() {
        }

        public Builder windowSize(int value) {
            windowSize = value;
            return this;
        }

        public Builder responseTimeout(Duration value) {
            responseTimeout = value;
            return this;
        }

        public Builder maxSends(int value) {
            maxSends = value;
            return this;
        }

        public Builder activeTestIdle(Duration value) {
            activeTestIdle = value;
            return this;
        }

        public Builder activeTestMaxMissed(int value) {
            activeTestMaxMissed = value;
            return this;
        }

        public Builder loginTimeout(Duration value) {
            loginTimeout = value;
            return this;
        }

        public Builder terminateTimeout(Duration value) {
            terminateTimeout = value;
            return this;
        }

        public Builder maxFrameLength(int value) {
            maxFrameLength = value;
            return this;
        }

        public Builder maxConsecutiveBadFrames(int value) {
            maxConsecutiveBadFrames = value;
            return this;
        }

        public CmppSessionConfig build() {
            return new CmppSessionConfig(windowSize, responseTimeout, maxSends, activeTestIdle, activeTestMaxMissed,
                loginTimeout, terminateTimeout, maxFrameLength, maxConsecutiveBadFrames);
        }
    }
}
