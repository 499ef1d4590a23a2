package org.quantstream.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quantstream.core.testkit.Close.close;
import static org.quantstream.core.testkit.Close.series;
import static org.quantstream.core.testkit.Oracle.doubles;
import static org.quantstream.core.testkit.Oracle.load;
import static org.quantstream.core.testkit.Oracle.num;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.quantstream.core.op.BivariateOperator;
import org.quantstream.core.op.UnivariateOperator;

/**
 * The rolling statistics against the oracle's pandas and exact references (cases a, c1, c2, c5),
 * SPEC §7 and §11.
 */
class RollingStatsOracleTest {
    static double[] run(UnivariateOperator op, double[] xs) {
        double[] out = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            op.update(xs[i]);
            out[i] = op.value();
        }
        return out;
    }

    static double[] run(BivariateOperator op, double[] xs, double[] ys) {
        double[] out = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            op.update(xs[i], ys[i]);
            out[i] = op.value();
        }
        return out;
    }

    static <T extends UnivariateOperator> double[] run(
            T op, double[] xs, ToDoubleFunction<T> read) {
        double[] out = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            op.update(xs[i]);
            out[i] = read.applyAsDouble(op);
        }
        return out;
    }

    @Test
    void shouldMatchPandasRollingZScoreMeanAndStdOnTheSpread() {
        JsonNode a = load("a_cointegrated_pair");
        double[] spread = doubles(a.path("spread").path("values"));
        JsonNode z = a.path("rolling_zscore_window20");
        series(
                run(new RollingZScore(20), spread),
                doubles(z.path("pandas")),
                0,
                1e-10,
                "z vs pandas");
        series(
                run(new RollingZScore(20), spread),
                doubles(z.path("two_pass_exact")),
                0,
                1e-12,
                "z vs two-pass");
        series(
                run(new RollingMean(20), spread),
                doubles(z.path("rolling_mean")),
                0,
                1e-12,
                "mean vs pandas");
        series(
                run(new RollingStd(20), spread),
                doubles(z.path("rolling_std")),
                0,
                1e-12,
                "std vs pandas");
    }

    @Test
    void shouldMatchTheTwoPassRollingCorrelationOfLevelsAndDifferences() {
        JsonNode a = load("a_cointegrated_pair");
        double[] x = doubles(a.path("inputs").path("x"));
        double[] y = doubles(a.path("inputs").path("y"));
        JsonNode c = a.path("rolling_corr_window50");
        series(
                run(new RollingCorrelation(50), x, y),
                doubles(c.path("levels_two_pass")),
                0,
                1e-12,
                "levels");
        double[] dx = new double[x.length - 1];
        double[] dy = new double[x.length - 1];
        for (int i = 0; i < dx.length; i++) {
            dx[i] = x[i + 1] - x[i];
            dy[i] = y[i + 1] - y[i];
        }
        series(
                run(new RollingCorrelation(50), dx, dy),
                doubles(c.path("diffs_two_pass")),
                0,
                1e-12,
                "diffs");
    }

    @Test
    void shouldStayExactAtABillionOffsetWherePandasDrifts() {
        JsonNode c5 = load("c5_huge_offset");
        double[] x = doubles(c5.path("inputs").path("x"));
        double[] exact = doubles(c5.path("rolling_std_w50").path("exact"));
        double[] ours = run(new RollingStd(50), x);
        series(ours, exact, 1e-12, 0, "rolling std at 1e9");
        double worstPandas = c5.path("rolling_std_w50").path("max_rel_err_pandas").asDouble();
        assertThat(worstPandas).as("pandas itself is off by ~1e-6 here").isGreaterThan(1e-7);
        // the correlation two-pass reference at 1e9, where pandas ranges from -503 to 387
        double[] y = doubles(c5.path("rolling_corr_w50_pandas_vs_two_pass").path("y"));
        series(
                run(new RollingCorrelation(50), x, y),
                doubles(c5.path("rolling_corr_w50_pandas_vs_two_pass").path("two_pass")),
                0,
                1e-10,
                "corr at 1e9");
        ExpandingMoments m = new ExpandingMoments();
        for (double v : x) {
            m.update(v);
        }
        close(
                m.variance(1),
                c5.path("full_sample").path("exact_var_ddof1").asDouble(),
                1e-12,
                0,
                "expanding var at 1e9");
        close(
                Describe.of(x).variance(),
                c5.path("full_sample").path("exact_var_ddof1").asDouble(),
                1e-12,
                0,
                "describe var");
    }

    @Test
    void shouldGiveExactZeroStdAndNanZScoreForAConstantSeries() {
        JsonNode c1 = load("c1_constant_series");
        double[] x = doubles(c1.path("inputs").path("x"));
        series(
                run(new RollingMean(20), x),
                doubles(c1.path("pandas_rolling20_mean")),
                0,
                0,
                "mean");
        series(run(new RollingStd(20), x), doubles(c1.path("pandas_rolling20_std")), 0, 0, "std");
        series(run(new RollingZScore(20), x), doubles(c1.path("pandas_zscore20")), 0, 0, "z");
        Describe d = Describe.of(x);
        assertThat(d.skewness()).isEqualTo(num(c1.path("describe").path("pandas_skew_unbiased")));
        assertThat(d.kurtosis())
                .isEqualTo(num(c1.path("describe").path("pandas_kurt_unbiased_excess")));
        assertThat(d.skewnessBiased()).isNaN();
        assertThat(d.kurtosisBiased()).isNaN();
        assertThat(d.std()).isZero();
    }

    @Test
    void shouldRefuseNanAndCountItWhileDescribeSkipsIt() {
        JsonNode c2 = load("c2_series_with_nan");
        double[] x = doubles(c2.path("inputs").path("x"));
        RollingMean mean = new RollingMean(5);
        for (double v : x) {
            mean.update(v);
        }
        assertThat(mean.rejected()).isEqualTo(3);
        assertThat(mean.count()).isEqualTo(57);
        JsonNode ref = c2.path("describe_skipna");
        Describe d = Describe.of(x);
        assertThat(d.count()).isEqualTo(ref.path("count").asLong());
        close(d.mean(), num(ref.path("mean")), 1e-14, 0, "mean");
        close(d.median(), num(ref.path("median")), 1e-15, 0, "median");
        close(d.std(), num(ref.path("std")), 1e-12, 0, "std");
        close(d.skewness(), num(ref.path("skew")), 1e-10, 0, "skew");
        close(d.kurtosis(), num(ref.path("kurt")), 1e-10, 0, "kurt");
        assertThat(d.min()).isEqualTo(num(ref.path("min")));
        assertThat(d.max()).isEqualTo(num(ref.path("max")));
    }
}
