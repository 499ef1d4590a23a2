package org.quantstream.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quantstream.core.testkit.Close.close;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.quantstream.core.op.BivariateOperator;
import org.quantstream.core.op.UnivariateOperator;

/**
 * Seeded random properties of the rolling operators: every step equals the batch computation on the
 * same window; after a window's worth of new values the history is forgotten exactly as a fresh
 * operator's; a refused NaN changes nothing. Series mix random walks, a 1e9 offset, runs of
 * repeated values and jumps. The seed is in every message.
 */
class RollingPropertiesTest {
    static double[] series(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        double offset = r.nextBoolean() ? 1e9 : 100;
        double level = offset;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            int mode = r.nextInt(20);
            if (mode == 0 && i > 0) {
                out[i] = out[i - 1]; // repeated value
                continue;
            }
            level += mode == 1 ? r.nextGaussian() * 50 : r.nextGaussian();
            out[i] = Math.round(level * 1e4) / 1e4;
        }
        return out;
    }

    private static double[] window(double[] x, int end, int w) {
        return Arrays.copyOfRange(x, end - w + 1, end + 1);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void shouldEqualTheBatchStatisticsOfEveryWindow(long seed) {
        double[] x = series(seed, 1_500);
        int w = 2 + new SplittableRandom(seed).nextInt(60);
        RollingMean mean = new RollingMean(w);
        RollingVariance var = new RollingVariance(w);
        RollingZScore z = new RollingZScore(w);
        RollingSkewness skew = new RollingSkewness(Math.max(w, 3));
        RollingKurtosis kurt = new RollingKurtosis(Math.max(w, 4));
        RollingMedian median = new RollingMedian(w);
        RollingExtreme min = RollingExtreme.min(w);
        RollingExtreme max = RollingExtreme.max(w);
        for (int i = 0; i < x.length; i++) {
            for (UnivariateOperator op :
                    new UnivariateOperator[] {mean, var, z, skew, kurt, median, min, max}) {
                op.update(x[i]);
            }
            String at = "seed " + seed + " w " + w + " i " + i;
            if (i < w - 1) {
                assertThat(mean.value()).as(at).isNaN();
                assertThat(median.isReady()).as(at).isFalse();
                continue;
            }
            Describe d = Describe.of(window(x, i, w));
            double scale = Math.abs(d.mean()) + d.std();
            close(mean.value(), d.mean(), 1e-14, 1e-15 * scale, at + " mean");
            close(var.value(), d.variance(), 1e-9, 1e-14 * scale * scale / w + 1e-20, at + " var");
            if (d.std() > 1e-6 * Math.abs(d.mean())) {
                close(z.value(), (x[i] - d.mean()) / d.std(), 1e-8, 1e-8, at + " z");
            }
            close(median.value(), d.median(), 0, 0, at + " median");
            close(min.value(), d.min(), 0, 0, at + " min");
            close(max.value(), d.max(), 0, 0, at + " max");
            if (w >= 4 && d.std() > 1e-3) {
                close(skew.value(), d.skewness(), 1e-6, 1e-6, at + " skew");
                close(kurt.value(), d.kurtosis(), 1e-6, 1e-6, at + " kurt");
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13, 14})
    void shouldForgetHistoryOnceAWindowOfNewValuesHasPassed(long seed) {
        double[] x = series(seed, 700);
        int w = 25;
        Supplier<UnivariateOperator[]> make =
                () ->
                        new UnivariateOperator[] {
                            new RollingMean(w),
                            new RollingVariance(w),
                            new RollingMedian(w),
                            RollingExtreme.max(w),
                            new RollingSkewness(w)
                        };
        UnivariateOperator[] long_ = make.get();
        UnivariateOperator[] fresh = make.get();
        for (int i = 0; i < x.length; i++) {
            for (UnivariateOperator op : long_) {
                op.update(x[i]);
            }
            if (i >= x.length - w) {
                for (UnivariateOperator op : fresh) {
                    op.update(x[i]);
                }
            }
        }
        for (int k = 0; k < long_.length; k++) {
            double a = long_[k].value();
            double b = fresh[k].value();
            close(
                    a,
                    b,
                    1e-9,
                    1e-9 * (Math.abs(b) + 1),
                    "seed " + seed + " " + long_[k].getClass().getSimpleName());
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {21, 22, 23})
    void shouldLeaveTheStateUnchangedWhenANonFiniteValueIsRefused(long seed) {
        double[] x = series(seed, 300);
        RollingZScore a = new RollingZScore(30);
        RollingZScore b = new RollingZScore(30);
        BivariateOperator c = new RollingCorrelation(30);
        for (int i = 0; i < x.length; i++) {
            a.update(x[i]);
            b.update(x[i]);
            if (i % 17 == 0) {
                b.update(Double.NaN);
                b.update(Double.POSITIVE_INFINITY);
                c.update(Double.NaN, 1);
            }
            c.update(x[i], i);
            close(b.value(), a.value(), 0, 0, "seed " + seed + " i " + i);
        }
        assertThat(b.rejected()).isEqualTo(2L * ((x.length + 16) / 17));
        assertThat(b.count()).isEqualTo(a.count());
        assertThat(c.rejected()).isEqualTo((x.length + 16) / 17);
        b.reset();
        assertThat(b.count()).isZero();
        assertThat(b.value()).isNaN();
    }
}
