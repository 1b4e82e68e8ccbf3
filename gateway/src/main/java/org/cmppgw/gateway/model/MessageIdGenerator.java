package org.cmppgw.gateway.model;

import java.time.Clock;
import java.util.function.LongSupplier;

/**
 * Our 64-bit msg_ids: time-ordered, unique across nodes and restarts, positive, printed in decimal by the API.
 * Layout from the high bits: 41 bits of milliseconds since {@link #EPOCH_MILLIS} (2020-01-01, good until 2089),
 * {@value #NODE_BITS} bits of node id, {@value #SEQUENCE_BITS} bits of sequence within the millisecond. Ids sort by
 * acceptance time, so the primary key of the message table grows at its end.
 *
 * <p>When a millisecond's 4096 ids are used up the generator spins until the clock moves on. When the clock goes
 * backwards (NTP step) it keeps counting from the last millisecond it used instead of reusing ids; a {@code floor}
 * (the largest id already stored) carries that guarantee across a restart. Thread-safe.
 */
public final class MessageIdGenerator {
    /** 2020-01-01T00:00:00Z. */
    public static final long EPOCH_MILLIS = 1_577_836_800_000L;
    public static final int NODE_BITS = 10;
    public static final int SEQUENCE_BITS = 12;
    public static final int MAX_NODE = (1 << NODE_BITS) - 1;
    private static final int MAX_SEQUENCE = (1 << SEQUENCE_BITS) - 1;
    private static final int TIME_SHIFT = NODE_BITS + SEQUENCE_BITS;

    private final long nodePart;
    private final LongSupplier epochMillis;
    private long lastMillis;
    private int sequence;

    /**
     * @param nodeId      0..{@value #MAX_NODE}, unique per gateway node sharing one database
     * @param epochMillis the wall clock in Unix milliseconds
     * @param floor       an id this generator must stay above (0 for none), e.g. the largest stored msg_id
     */
    public MessageIdGenerator(int nodeId, LongSupplier epochMillis, long floor) {
        FieldChecks.range("nodeId", nodeId, 0, MAX_NODE);
        if (floor < 0) {
            throw new IllegalArgumentException("floor: " + floor + " (expected: >= 0)");
        }
        this.nodePart = (long) nodeId << SEQUENCE_BITS;
        this.epochMillis = epochMillis;
        this.lastMillis = floor == 0 ? -1 : (floor >>> TIME_SHIFT) + EPOCH_MILLIS;
        this.sequence = MAX_SEQUENCE;
    }

    public MessageIdGenerator(int nodeId, Clock clock) {
        this(nodeId, clock::millis, 0);
    }

    /** The next id. */
    public synchronized long next() {
        long now = epochMillis.getAsLong();
        if (now > lastMillis) {
            lastMillis = now;
            sequence = 0;
        } else if (sequence < MAX_SEQUENCE) {
            sequence++;
        } else if (now == lastMillis) {
            // This millisecond is used up: wait for the clock (at most ~1 ms).
            lastMillis = awaitAfter(lastMillis);
            sequence = 0;
        } else {
            // The clock went backwards and the millisecond we kept is used up: run ahead of the clock.
            lastMillis++;
            sequence = 0;
        }
        if (lastMillis < EPOCH_MILLIS) {
            throw new IllegalStateException("msgIdGenerator - clock before 2020 (epochMillis=" + lastMillis + ")");
        }
        return lastMillis - EPOCH_MILLIS << TIME_SHIFT | nodePart | sequence;
    }

    /** The smallest id any node can generate in Unix millisecond {@code epochMillis}. */
    public static long firstIdOf(long epochMillis) {
        return epochMillis - EPOCH_MILLIS << TIME_SHIFT;
    }

    /** The Unix millisecond an id was generated in. */
    public static long epochMillisOf(long id) {
        return (id >>> TIME_SHIFT) + EPOCH_MILLIS;
    }

    /** The node that generated an id. */
    public static int nodeOf(long id) {
        return (int) (id >>> SEQUENCE_BITS) & MAX_NODE;
    }

    /** The smallest id any node can generate at or after {@code epochMillis}: a bound for range scans by time. */
    public static long firstIdAt(long epochMillis) {
        return Math.max(0, epochMillis - EPOCH_MILLIS) << TIME_SHIFT;
    }

    private long awaitAfter(long millis) {
        long now = epochMillis.getAsLong();
        while (now <= millis) {
            Thread.onSpinWait();
            now = epochMillis.getAsLong();
        }
        return now;
    }
}
