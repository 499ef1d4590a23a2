package org.quantstream.feed.binance.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private static final long MIN = 250_000_000L;
    private static final long MAX = 30_000_000_000L;

    @Test
    void shouldDoubleTheJitterRangeUpToTheMaximum() {
        SplittableRandom r = new SplittableRandom(7);
        for (int attempt = 0; attempt < 40; attempt++) {
            long cap = Math.min(MAX, MIN << Math.min(attempt, 20));
            long lo = Long.MAX_VALUE;
            long hi = Long.MIN_VALUE;
            double sum = 0;
            int n = 20_000;
            for (int i = 0; i < n; i++) {
                long d = Backoff.delayNanos(MIN, MAX, attempt, r);
                assertThat(d).isBetween(MIN, Math.max(MIN, cap - 1));
                lo = Math.min(lo, d);
                hi = Math.max(hi, d);
                sum += d;
            }
            if (attempt == 0) {
                assertThat(lo).isEqualTo(MIN).isEqualTo(hi); // the first retry waits the minimum
                continue;
            }
            // full jitter: uniform over [MIN, cap), so the mean is the midpoint and both ends occur
            double mid = (MIN + cap) / 2.0;
            double sd = (cap - MIN) / Math.sqrt(12 * n);
            assertThat(sum / n)
                    .as("mean at attempt " + attempt)
                    .isBetween(mid - 6 * sd, mid + 6 * sd);
            assertThat(lo).isLessThan(MIN + (cap - MIN) / 100 + 1);
            assertThat(hi).isGreaterThan(cap - (cap - MIN) / 100 - 1);
        }
    }

    @Test
    void shouldWaitTheMinimumWhenTheRangeIsEmpty() {
        assertThat(Backoff.delayNanos(MIN, MIN, 5, new SplittableRandom(1))).isEqualTo(MIN);
        assertThat(Backoff.delayNanos(MIN, MAX, -3, new SplittableRandom(1))).isEqualTo(MIN);
    }
}
