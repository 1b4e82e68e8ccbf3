package org.cmppgw.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A wall clock and a matching nano source that move only when the test moves them, so timeouts, delays and
 * schedules are tested without sleeping. {@link #advance} is time passing (both move); {@link #set} is the wall clock
 * stepping (NTP, a carrier's clock) while the nano source, like {@link System#nanoTime()}, stays monotonic.
 *
 * <p>Thread-safe: the code under test may read it from its own threads. Pass {@code clock::nanoTime} where the code
 * takes a {@code LongSupplier} nano source. {@link #withZone} returns a view that shares the time.
 */
public final class MutableClock extends Clock {
    /** Where the nano source starts: far from 0, so code that treats 0 as "unset" is not fooled. */
    public static final long START_NANOS = 1_000_000_000_000L;

    private final AtomicReference<Instant> wall;
    private final AtomicLong nanos;
    private final ZoneId zone;

    /** A UTC clock at {@code start}. */
    public MutableClock(Instant start) {
        this(new AtomicReference<>(Objects.requireNonNull(start, "start")), new AtomicLong(START_NANOS),
            ZoneOffset.UTC);
    }

    private MutableClock(AtomicReference<Instant> wall, AtomicLong nanos, ZoneId zone) {
        this.wall = wall;
        this.nanos = nanos;
        this.zone = zone;
    }

    /** Time passes: moves the wall clock and the nano source by {@code duration} (negative moves the wall back). */
    public void advance(Duration duration) {
        wall.updateAndGet(now -> now.plus(duration));
        nanos.addAndGet(duration.toNanos());
    }

    /** Steps the wall clock to {@code instant}; the nano source does not move. */
    public void set(Instant instant) {
        wall.set(Objects.requireNonNull(instant, "instant"));
    }

    /** The nano source, moved by {@link #advance} only. */
    public long nanoTime() {
        return nanos.get();
    }

    @Override
    public Instant instant() {
        return wall.get();
    }

    @Override
    public long millis() {
        return wall.get().toEpochMilli();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        return new MutableClock(wall, nanos, Objects.requireNonNull(newZone, "zone"));
    }

    @Override
    public String toString() {
        return "MutableClock[" + wall.get() + ", nanos=" + nanos.get() + ", zone=" + zone + "]";
    }
}
