package org.quantstream.core.stationarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quantstream.core.testkit.Close.close;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RollingAdf equals Adf on every window of seeded series, for a fixed lag and for each autolag rule
 * and trend.
 */
class RollingAdfTest {
    static double[] series(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        double level = r.nextBoolean() ? 60_000 : 100;
        double u = 0;
        boolean meanReverting = r.nextBoolean();
        for (int i = 0; i < n; i++) {
            if (meanReverting) {
                u = 0.8 * u + r.nextGaussian();
                x[i] = level + u;
            } else {
                level += r.nextGaussian();
                x[i] = level;
            }
        }
        return x;
    }

    @ParameterizedTest(name = "seed {0} window {1} {2} {3} maxlag {4}")
    @CsvSource({
        "1, 120, C, NONE, 1",
        "2, 120, C, AIC, -1",
        "3, 150, CT, AIC, -1",
        "4, 100, N, BIC, -1",
        "5, 140, CTT, T_STAT, -1",
        "6, 200, C, T_STAT, 8",
        "7, 90, CT, NONE, 3",
        "8, 500, C, AIC, 18"
    })
    void shouldEqualTheBatchTestOnEveryWindow(
            long seed, int window, Trend trend, Autolag autolag, int maxlag) {
        double[] x = series(seed, window + 3 * window + 7);
        RollingAdf rolling = new RollingAdf(window, trend, autolag, maxlag);
        for (int i = 0; i < x.length; i++) {
            rolling.update(x[i]);
            if (i < window - 1) {
                assertThat(rolling.isReady()).isFalse();
                continue;
            }
            AdfResult batch =
                    Adf.test(Arrays.copyOfRange(x, i - window + 1, i + 1), trend, autolag, maxlag);
            String at = "seed " + seed + " i " + i;
            assertThat(rolling.usedLag()).as(at + " usedLag").isEqualTo(batch.usedLag());
            assertThat(rolling.nobs()).as(at + " nobs").isEqualTo(batch.nobs());
            close(rolling.value(), batch.statistic(), 1e-9, 1e-9, at + " statistic");
            close(rolling.pValue(), batch.pValue(), 1e-8, 1e-10, at + " p-value");
            close(rolling.icBest(), batch.icBest(), 1e-9, 1e-8, at + " icbest");
            close(
                    rolling.criticalValue(1),
                    batch.criticalValues().fivePercent(),
                    1e-15,
                    0,
                    at + " 5%");
        }
        assertThat(rolling.degenerate()).isZero();
        assertThat(rolling.result().maxLag())
                .isEqualTo(maxlag == -1 ? Adf.defaultMaxLag(window, trend) : maxlag);
    }

    @Test
    void shouldGiveNanForAConstantWindowAndRecover() {
        RollingAdf rolling = new RollingAdf(50, Trend.C, Autolag.NONE, 1);
        for (int i = 0; i < 60; i++) {
            rolling.update(42);
        }
        assertThat(rolling.value()).isNaN();
        assertThat(rolling.isReady()).isFalse();
        assertThat(rolling.degenerate()).isEqualTo(11);
        double[] x = series(3, 200);
        for (double v : x) {
            rolling.update(v);
        }
        assertThat(rolling.isReady()).isTrue();
        close(
                rolling.value(),
                Adf.test(Arrays.copyOfRange(x, 150, 200), Trend.C, Autolag.NONE, 1).statistic(),
                1e-9,
                1e-9,
                "recovered");
        rolling.update(Double.NaN);
        assertThat(rolling.rejected()).isEqualTo(1);
    }

    @Test
    void shouldRefuseAWindowTooShortForTheLags() {
        assertThatThrownBy(() -> new RollingAdf(20, Trend.C, Autolag.AIC, 12))
                .hasMessageContaining("maxLag must be in [0, 8]");
        assertThatThrownBy(() -> new RollingAdf(6, Trend.CTT, Autolag.NONE, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
