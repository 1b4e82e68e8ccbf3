package org.cmppgw.simulator.ismg;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A wall clock and a nano clock that move only when a test moves them. */
final class TestClock extends Clock {
    private final AtomicLong millis;
    private final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);

    TestClock(Instant start) {
        this.millis = new AtomicLong(start.toEpochMilli());
    }

    /** Moves both clocks. */
    void advance(Duration d) {
        millis.addAndGet(d.toMillis());
        nanos.addAndGet(d.toNanos());
    }

    void setMillis(long epochMillis) {
        millis.set(epochMillis);
    }

    long nanoTime() {
        return nanos.get();
    }

    @Override
    public long millis() {
        return millis.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("TestClock - has no zone (zone=" + zone + ")");
    }
}
