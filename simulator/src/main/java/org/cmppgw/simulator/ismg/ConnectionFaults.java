package org.cmppgw.simulator.ismg;

import org.cmppgw.cmpp.codec.CmppDecoder;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The fault switches of {@link FaultConfig} applied to one connection: counts its SUBMITs and says which one gets a
 * delayed or withheld answer, garbage, or a dropped connection. One instance per connection, used on its event loop
 * only (not thread-safe, no locks). When no fault is on, {@link #onSubmit()} returns {@link SubmitFaults#NONE}
 * without counting.
 */
public final class ConnectionFaults {
    /**
     * A Command_Id no CMPP version defines (docs/cmpp-protocol.md §4): a well-framed PDU the peer cannot understand.
     */
    public static final int UNKNOWN_COMMAND_ID = 0x00007F7F;
    private static final int MAX_GARBAGE_BODY = 16;

    private final FaultConfig config;
    private final RandomGenerator random;
    private final IsmgMetrics metrics;
    private final boolean active;
    private long submits;

    public ConnectionFaults(FaultConfig config, RandomGenerator random, IsmgMetrics metrics) {
        this.config = Objects.requireNonNull(config, "config");
        this.random = Objects.requireNonNull(random, "random");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.active = config.anySubmitFault();
    }

    /** Counts one SUBMIT received on this connection and returns what to do wrong with its answer. */
    public SubmitFaults onSubmit() {
        if (!active) {
            return SubmitFaults.NONE;
        }
        long n = ++submits;
        boolean garbage = every(n, config.garbageEverySubmits());
        boolean withhold = every(n, config.withholdResponseEvery())
            || config.withholdResponseProbability() > 0 && random.nextDouble() < config.withholdResponseProbability();
        long delay = !withhold && config.responseDelayMillis() > 0
            && (config.responseDelayShare() >= 1.0 || random.nextDouble() < config.responseDelayShare())
            ? config.responseDelayMillis() : 0;
        boolean close = config.dropConnectionAfterSubmits() > 0 && n == config.dropConnectionAfterSubmits();
        if (!garbage && !withhold && delay == 0 && !close) {
            return SubmitFaults.NONE;
        }
        count(garbage, SubmitFaults.GARBAGE);
        count(withhold, SubmitFaults.WITHHELD);
        count(delay > 0, SubmitFaults.DELAYED);
        count(close, SubmitFaults.DROPPED);
        return new SubmitFaults(garbage, delay, withhold, close);
    }

    /** SUBMITs counted on this connection so far (only while some fault is on). */
    public long submits() {
        return submits;
    }

    /**
     * Garbage to write raw to the socket. Framed (the default): a header with a correct Total_Length and {@link
     * #UNKNOWN_COMMAND_ID}, then random bytes; the peer should count it and keep the connection. Unframed: random
     * bytes whose first byte makes Total_Length far above any frame limit; the peer should close.
     */
    public byte[] garbage() {
        if (config.garbageFramed()) {
            int bodyLength = random.nextInt(MAX_GARBAGE_BODY + 1);
            byte[] pdu = new byte[CmppDecoder.HEADER_LENGTH + bodyLength];
            putInt(pdu, 0, pdu.length);
            putInt(pdu, 4, UNKNOWN_COMMAND_ID);
            putInt(pdu, 8, random.nextInt());
            for (int i = CmppDecoder.HEADER_LENGTH; i < pdu.length; i++) {
                pdu[i] = (byte) random.nextInt();
            }
            return pdu;
        }
        byte[] noise = new byte[MAX_GARBAGE_BODY];
        random.nextBytes(noise);
        noise[0] = (byte) 0xFF;
        return noise;
    }

    private static boolean every(long n, int every) {
        return every > 0 && n % every == 0;
    }

    private void count(boolean happened, String kind) {
        if (happened) {
            metrics.fault(kind);
        }
    }

    private static void putInt(byte[] bytes, int at, int value) {
        bytes[at] = (byte) (value >>> 24);
        bytes[at + 1] = (byte) (value >>> 16);
        bytes[at + 2] = (byte) (value >>> 8);
        bytes[at + 3] = (byte) value;
    }
}
