package org.quantstream.core.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quantstream.core.testkit.Close.close;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rolling and recursive regressions equal batch fits on the same data; seeded, the seed in every
 * message.
 */
class RegressionPropertiesTest {
    static double[][] pair(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        double[] y = new double[n];
        double level = r.nextBoolean() ? 50_000 : 100;
        double beta = 0.5 + r.nextDouble() * 2;
        double u = 0;
        for (int i = 0; i < n; i++) {
            level += r.nextGaussian();
            u = 0.9 * u + r.nextGaussian() * 0.5;
            x[i] = level;
            y[i] = 3 + beta * level + u;
        }
        return new double[][] {x, y};
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void shouldMakeEveryRollingWindowEqualTheBatchFit(long seed) {
        double[][] p = pair(seed, 800);
        int w = 10 + new SplittableRandom(seed).nextInt(90);
        RollingOls ols = new RollingOls(w);
        TotalLeastSquares tls = new TotalLeastSquares(w);
        for (int i = 0; i < p[0].length; i++) {
            ols.update(p[0][i], p[1][i]);
            tls.update(p[0][i], p[1][i]);
            if (i < w - 1) {
                assertThat(ols.isReady()).isFalse();
                continue;
            }
            double[] x = Arrays.copyOfRange(p[0], i - w + 1, i + 1);
            double[] y = Arrays.copyOfRange(p[1], i - w + 1, i + 1);
            OlsResult batch = Ols.fit(x, y);
            String at = "seed " + seed + " w " + w + " i " + i;
            close(ols.beta(), batch.beta(), 1e-9, 1e-12, at + " ols beta");
            close(ols.alpha(), batch.alpha(), 1e-9, 1e-9 * Math.abs(y[0]), at + " ols alpha");
            close(ols.rSquared(), batch.rSquared(), 1e-9, 1e-12, at + " r2");
            close(ols.betaStdErr(), batch.betaStdErr(), 1e-7, 1e-14, at + " se beta");
            TotalLeastSquares.Result t = TotalLeastSquares.fit(x, y);
            close(tls.beta(), t.beta(), 1e-9, 1e-12, at + " tls beta");
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {7, 8, 9})
    void shouldMakeRecursiveOlsWithoutForgettingEqualTheExpandingBatchFit(long seed) {
        double[][] p = pair(seed, 500);
        RecursiveOls rls = new RecursiveOls(1.0);
        for (int i = 0; i < p[0].length; i++) {
            rls.update(p[0][i], p[1][i]);
            if (i >= 2) {
                OlsResult batch = Ols.fit(Arrays.copyOf(p[0], i + 1), Arrays.copyOf(p[1], i + 1));
                close(rls.beta(), batch.beta(), 1e-9, 1e-12, "seed " + seed + " i " + i);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {17, 18})
    void shouldWeightRecentObservationsWithTheForgettingFactor(long seed) {
        double[][] p = pair(seed, 300);
        double lambda = 0.97;
        RecursiveOls rls = new RecursiveOls(lambda);
        for (int i = 0; i < p[0].length; i++) {
            rls.update(p[0][i], p[1][i]);
        }
        // weighted batch fit with weights lambda^(n-1-i)
        int n = p[0].length;
        double sw = 0;
        double swx = 0;
        double swy = 0;
        for (int i = 0; i < n; i++) {
            double wt = Math.pow(lambda, n - 1 - i);
            sw += wt;
            swx += wt * p[0][i];
            swy += wt * p[1][i];
        }
        double mx = swx / sw;
        double my = swy / sw;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            double wt = Math.pow(lambda, n - 1 - i);
            sxx += wt * (p[0][i] - mx) * (p[0][i] - mx);
            sxy += wt * (p[0][i] - mx) * (p[1][i] - my);
        }
        close(rls.beta(), sxy / sxx, 1e-9, 0, "seed " + seed + " weighted beta");
        close(rls.alpha(), my - sxy / sxx * mx, 1e-7, 1e-7, "seed " + seed + " weighted alpha");
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {31, 32})
    void shouldScoreTheSpreadOfTheHedgeRatio(long seed) {
        double[][] p = pair(seed, 400);
        SpreadZScore sz = new SpreadZScore(new RollingOls(60), 20);
        RollingOls reference = new RollingOls(60);
        double[] spreads = new double[p[0].length];
        int k = 0;
        for (int i = 0; i < p[0].length; i++) {
            sz.update(p[0][i], p[1][i]);
            reference.update(p[0][i], p[1][i]);
            if (reference.isReady()) {
                spreads[k++] = p[1][i] - reference.beta() * p[0][i] - reference.alpha();
                close(sz.spread(), spreads[k - 1], 0, 0, "seed " + seed + " spread " + i);
            }
            if (k >= 20) {
                double[] win = Arrays.copyOfRange(spreads, k - 20, k);
                org.quantstream.core.stats.Describe d = org.quantstream.core.stats.Describe.of(win);
                close(
                        sz.value(),
                        (win[19] - d.mean()) / d.std(),
                        1e-8,
                        1e-8,
                        "seed " + seed + " z " + i);
            }
        }
    }
}
