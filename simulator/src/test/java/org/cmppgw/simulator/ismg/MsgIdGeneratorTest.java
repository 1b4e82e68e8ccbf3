package org.cmppgw.simulator.ismg;

import org.cmppgw.cmpp.pdu.MsgId;
import org.cmppgw.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MsgIdGeneratorTest {
    /** 2026-11-21 22:50:31 in Beijing: the time of the spec vector (docs/cmpp-protocol.md §8.2). */
    private static final Instant VECTOR_TIME = Instant.parse("2026-11-21T14:50:31.250Z");

    private final MutableClock clock = new MutableClock(VECTOR_TIME);

    private MsgIdGenerator generator(Integer... codes) {
        return new MsgIdGenerator(List.of(codes), clock, IsmgAccounts.CARRIER_ZONE);
    }

    @Test
    void firstIdIsTheSpecVector() {
        MsgId id = generator(79101).next();

        // 11-21 22:50:31, gateway 79101; our sequence starts at 0 each second, the vector's second id is seq 1.
        assertThat(id.plus(1).toHex()).isEqualTo("BADB27C134FD0001");
        assertThat(id.month()).isEqualTo(11);
        assertThat(id.day()).isEqualTo(21);
        assertThat(id.hour()).isEqualTo(22);
        assertThat(id.minute()).isEqualTo(50);
        assertThat(id.second()).isEqualTo(31);
        assertThat(id.gateway()).isEqualTo(79101);
        assertThat(id.sequence()).isZero();
    }

    @Test
    void sequenceCountsUpAndRestartsWithANewSecond() {
        MsgIdGenerator gen = generator(79101);

        assertThat(gen.next().sequence()).isZero();
        assertThat(gen.next().sequence()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        MsgId id = gen.next();

        assertThat(id.second()).isEqualTo(32);
        assertThat(id.sequence()).isZero();
    }

    @Test
    void oneCodeRunsIntoTheNextSecondAfter65536Ids() {
        MsgIdGenerator gen = generator(79101);
        MsgId last = null;
        for (int i = 0; i < MsgIdGenerator.IDS_PER_CODE; i++) {
            last = gen.next();
        }
        MsgId overflow = gen.next();

        assertThat(last.second()).isEqualTo(31);
        assertThat(last.sequence()).isEqualTo(65535);
        assertThat(overflow.second()).isEqualTo(32);
        assertThat(overflow.sequence()).isZero();
    }

    @Test
    void severalCodesAreUsedBeforeTheSecondMovesOn() {
        MsgIdGenerator gen = generator(79101, 79102);
        List<MsgId> ids = new ArrayList<>();
        for (int i = 0; i < 2 * MsgIdGenerator.IDS_PER_CODE + 1; i++) {
            ids.add(gen.next());
        }

        assertThat(ids.get(MsgIdGenerator.IDS_PER_CODE - 1).gateway()).isEqualTo(79101);
        assertThat(ids.get(MsgIdGenerator.IDS_PER_CODE).gateway()).isEqualTo(79102);
        assertThat(ids.get(MsgIdGenerator.IDS_PER_CODE).second()).isEqualTo(31);
        assertThat(ids.get(2 * MsgIdGenerator.IDS_PER_CODE).gateway()).isEqualTo(79101);
        assertThat(ids.get(2 * MsgIdGenerator.IDS_PER_CODE).second()).isEqualTo(32);
    }

    @Test
    void millionIdsInAFrozenSecondAreUnique() {
        MsgIdGenerator gen = generator(79101, 79102, 79103, 79104);
        long[] ids = new long[1_000_000];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = gen.next().value();
        }

        assertUnique(ids);
        // 262,144 ids a second with 4 codes: the million spills over into 3 more seconds, not back to seq 0.
        assertThat(new MsgId(ids[ids.length - 1]).second()).isEqualTo(34);
    }

    @Test
    void concurrentGeneratorsNeverShareAnId() throws Exception {
        MsgIdGenerator gen = generator(79101, 79102, 79103, 79104);
        int threads = 4;
        int perThread = 200_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<long[]>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    long[] mine = new long[perThread];
                    for (int i = 0; i < perThread; i++) {
                        // A group send now and then, as SUBMITs to several numbers do.
                        mine[i] = (i % 10 == 0 ? gen.reserve(1) : gen.next()).value();
                        if (i % 1000 == 0) {
                            clock.advance(Duration.ofMillis(7));
                        }
                    }
                    return mine;
                }));
            }
            start.countDown();
            long[] all = new long[threads * perThread];
            for (int t = 0; t < threads; t++) {
                System.arraycopy(results.get(t).get(60, TimeUnit.SECONDS), 0, all, t * perThread, perThread);
            }
            assertUnique(all);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void reservedRangeIsNeverHandedOutAgainAndNeverWraps() {
        MsgIdGenerator gen = generator(79101, 79102);
        for (int i = 0; i < MsgIdGenerator.IDS_PER_CODE - 10; i++) {
            gen.next();
        }

        MsgId group = gen.reserve(99);
        MsgId after = gen.next();

        // 10 sequences were left on 79101: too few for 99, so the group starts the next code.
        assertThat(group.gateway()).isEqualTo(79102);
        assertThat(group.sequence()).isZero();
        assertThat(group.plus(98).sequence()).isEqualTo(98);
        assertThat(after.gateway()).isEqualTo(79102);
        assertThat(after.sequence()).isEqualTo(99);
    }

    @Test
    void clockSteppingBackNeverRepeatsAnId() {
        MsgIdGenerator gen = generator(79101);
        MsgId before = gen.next();
        clock.advance(Duration.ofSeconds(-5));

        MsgId after = gen.next();

        assertThat(after.second()).isEqualTo(before.second());
        assertThat(after.sequence()).isEqualTo(1);
    }

    @Test
    void localTimeIsBeijingTimeWhateverTheClockZone() {
        clock.set(Instant.parse("2026-12-31T16:00:00Z"));

        MsgId id = generator(1).next();

        assertThat(id.month()).isEqualTo(1);
        assertThat(id.day()).isEqualTo(1);
        assertThat(id.hour()).isZero();
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> generator()).hasMessageStartingWith("gatewayCodes: [] (expected: 1..256");
        assertThatThrownBy(() -> generator(4_194_304)).hasMessageContaining("codes in 0..4194303");
        assertThatThrownBy(() -> generator(1).reserve(0)).hasMessage("count: 0 (expected: 1..65536)");
    }

    private static void assertUnique(long[] ids) {
        long[] sorted = ids.clone();
        Arrays.sort(sorted);
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                throw new AssertionError("duplicate Msg_Id " + new MsgId(sorted[i]) + " among " + ids.length);
            }
        }
    }
}
