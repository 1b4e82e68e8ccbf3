package org.cmppgw.simulator.ismg;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TpsLimiterTest {
    private final AtomicLong nanos = new AtomicLong(-5_000_000_000L);

    private int acquireAll(TpsLimiter limiter, int attempts) {
        int granted = 0;
        for (int i = 0; i < attempts; i++) {
            if (limiter.tryAcquire()) {
                granted++;
            }
        }
        return granted;
    }

    @Test
    void aQuietLimiterAllowsOneSecondsWorthAtOnceThenRefuses() {
        TpsLimiter limiter = TpsLimiter.perSecond(10, nanos::get);

        assertThat(acquireAll(limiter, 10)).isEqualTo(10);
        assertThat(limiter.tryAcquire()).isFalse();
    }

    @Test
    void tokensComeBackAtTheConfiguredRate() {
        TpsLimiter limiter = TpsLimiter.perSecond(10, nanos::get);
        acquireAll(limiter, 10);

        nanos.addAndGet(100_000_000);
        assertThat(acquireAll(limiter, 5)).isEqualTo(1);
        nanos.addAndGet(1_000_000_000);
        assertThat(acquireAll(limiter, 50)).isEqualTo(10);
    }

    @Test
    void sustainedRateOverManySecondsIsTheLimit() {
        TpsLimiter limiter = TpsLimiter.of(1000, 1, nanos::get);
        int granted = 0;
        // Offer 5,000/s for 10 simulated seconds, one attempt every 200 µs.
        for (int i = 0; i < 50_000; i++) {
            nanos.addAndGet(200_000);
            if (limiter.tryAcquire()) {
                granted++;
            }
        }

        assertThat(granted).isEqualTo(10_000);
    }

    @Test
    void connectionsSharingTheLimiterShareTheBudget() throws Exception {
        TpsLimiter limiter = TpsLimiter.perSecond(1000, nanos::get);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return acquireAll(limiter, 10_000);
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> f : results) {
                total += f.get(30, TimeUnit.SECONDS);
            }

            // The clock stands still: exactly the burst, however the threads interleave.
            assertThat(total).isEqualTo(1000);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void zeroMeansUnlimited() {
        TpsLimiter limiter = TpsLimiter.perSecond(0, nanos::get);

        assertThat(limiter.isUnlimited()).isTrue();
        assertThat(acquireAll(limiter, 100_000)).isEqualTo(100_000);
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> TpsLimiter.of(0, 1, nanos::get)).hasMessage("tps: 0 (expected: >= 1)");
        assertThatThrownBy(() -> TpsLimiter.of(1, 0, nanos::get)).hasMessage("burst: 0 (expected: >= 1)");
    }
}
