package org.cmppgw.simulator.ismg;

import org.cmppgw.cmpp.pdu.MsgId;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out ISMG Msg_Ids (docs/cmpp-protocol.md §8.1): local time to the second, a gateway code and a 16-bit sequence,
 * unique at any rate. One gateway code yields 65,536 ids a second; with several codes the sequence space of each second
 * is {@code codes × 65,536}, used code after code. When a second's space is used up, ids move on to the next second's
 * space before the clock gets there, so an id is never repeated within the process (it repeats only after a year,
 * when month and day come round again) even when the clock stands still or steps back.
 *
 * <p>Thread-safe and lock-free: the whole state is one {@link AtomicLong} holding the second being filled and the
 * next free index in it, advanced with one compare-and-set per id. The time bits of the current second are cached,
 * so an id costs a clock read, a CAS and an allocation.
 */
public final class MsgIdGenerator {
    /** Ids per gateway code and second: the 16-bit sequence field (§8.1). */
    public static final int IDS_PER_CODE = 1 << 16;
    /** Shift of the 22-bit gateway field (§8.1 table). */
    private static final int GATEWAY_SHIFT = 16;
    private static final int SEQUENCE_MASK = IDS_PER_CODE - 1;
    /** The index needs up to 2^24 (256 codes × 65,536) plus the end value itself. */
    private static final int INDEX_BITS = 25;
    private static final long INDEX_MASK = (1L << INDEX_BITS) - 1;
    private static final long MILLIS_PER_SECOND = 1000;

    private final int[] gatewayCodes;
    private final int idsPerSecond;
    private final Clock clock;
    private final ZoneId zone;
    private final AtomicLong state;
    private volatile TimeBits timeBits = new TimeBits(Long.MIN_VALUE, 0);

    /**
     * @param gatewayCodes the ISMG codes to use, 1..256 distinct values in 0..4,194,303
     * @param clock        wall clock; its zone is ignored in favour of {@code zone}
     * @param zone         the ISMG's local time zone (Asia/Shanghai for a Chinese carrier)
     */
    public MsgIdGenerator(List<Integer> gatewayCodes, Clock clock, ZoneId zone) {
        if (gatewayCodes.isEmpty() || gatewayCodes.size() > IsmgAccountConfig.MAX_GATEWAY_CODES
            || gatewayCodes.stream().distinct().count() != gatewayCodes.size()) {
            throw new IllegalArgumentException("gatewayCodes: " + gatewayCodes + " (expected: 1.."
                + IsmgAccountConfig.MAX_GATEWAY_CODES + " distinct codes)");
        }
        this.gatewayCodes = new int[gatewayCodes.size()];
        for (int i = 0; i < this.gatewayCodes.length; i++) {
            int code = gatewayCodes.get(i);
            if (code < 0 || code > MsgId.MAX_GATEWAY) {
                throw new IllegalArgumentException(
                    "gatewayCodes: " + gatewayCodes + " (expected: codes in 0.." + MsgId.MAX_GATEWAY + ")");
            }
            this.gatewayCodes[i] = code;
        }
        this.idsPerSecond = this.gatewayCodes.length * IDS_PER_CODE;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.state = new AtomicLong();
    }

    /** How many ids one second holds: gateway codes × 65,536. */
    public int idsPerSecond() {
        return idsPerSecond;
    }

    /** The next id. */
    public MsgId next() {
        return reserve(1);
    }

    /**
     * Reserves {@code count} consecutive ids for a group send (§8.1): the result is the first, destination {@code k}
     * is {@code result.plus(k)}, and none of them is handed out again. The range never crosses a gateway code or a
     * second, so {@code plus(k)} needs no sequence wrap.
     *
     * @param count 1..65,536 (a SUBMIT has at most 99 destinations)
     */
    public MsgId reserve(int count) {
        if (count < 1 || count > IDS_PER_CODE) {
            throw new IllegalArgumentException("count: " + count + " (expected: 1.." + IDS_PER_CODE + ")");
        }
        long nowSecond = Math.floorDiv(clock.millis(), MILLIS_PER_SECOND);
        for (;;) {
            long current = state.get();
            long second = current >>> INDEX_BITS;
            int index = (int) (current & INDEX_MASK);
            if (second < nowSecond) {
                second = nowSecond;
                index = 0;
            }
            if ((index & SEQUENCE_MASK) + count > IDS_PER_CODE) {
                // The range would wrap inside this code's sequence, onto ids already given out: next code.
                index = (index | SEQUENCE_MASK) + 1;
            }
            if (index + count > idsPerSecond) {
                second++;
                index = 0;
            }
            if (state.compareAndSet(current, second << INDEX_BITS | index + count)) {
                return new MsgId(timeBits(second) | (long) gatewayCodes[index >>> GATEWAY_SHIFT] << GATEWAY_SHIFT
                    | index & SEQUENCE_MASK);
            }
        }
    }

    /** Month..second of {@code epochSecond} in the ISMG's zone, already in place (§8.1). */
    private long timeBits(long epochSecond) {
        TimeBits cached = timeBits;
        if (cached.epochSecond == epochSecond) {
            return cached.bits;
        }
        ZoneOffset offset = zone.getRules().getOffset(Instant.ofEpochSecond(epochSecond));
        LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, offset);
        long bits = MsgId.of(t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(), 0, 0)
            .value();
        // A racing thread may overwrite this with another second; both entries are correct, so no lock.
        timeBits = new TimeBits(epochSecond, bits);
        return bits;
    }

    private record TimeBits(long epochSecond, long bits) {
    }
}
