package org.quantstream.core.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quantstream.core.testkit.Close.close;
import static org.quantstream.core.testkit.Close.series;
import static org.quantstream.core.testkit.Oracle.doubles;
import static org.quantstream.core.testkit.Oracle.load;
import static org.quantstream.core.testkit.Oracle.num;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * OLS, Huber, TLS, rolling OLS and Kalman against the oracle (cases a, c1, c3, c4) at SPEC §11's
 * tolerances.
 */
class RegressionOracleTest {
    private static final JsonNode A = load("a_cointegrated_pair");
    private static final double[] X = doubles(A.path("inputs").path("x"));
    private static final double[] Y = doubles(A.path("inputs").path("y"));

    @Test
    void shouldMatchStatsmodelsOlsWithIntercept() {
        OlsResult r = Ols.fit(X, Y);
        JsonNode sm = A.path("ols_y_on_const_x").path("statsmodels");
        JsonNode ex = A.path("ols_y_on_const_x").path("exact_mpmath");
        close(r.alpha(), num(ex.path("intercept")), 1e-12, 0, "alpha");
        close(r.beta(), num(ex.path("beta")), 1e-12, 0, "beta");
        close(r.alpha(), num(sm.path("params").get(0)), 1e-12, 0, "alpha vs statsmodels");
        close(r.beta(), num(sm.path("params").get(1)), 1e-12, 0, "beta vs statsmodels");
        close(r.alphaStdErr(), num(sm.path("bse").get(0)), 1e-12, 0, "se alpha");
        close(r.betaStdErr(), num(sm.path("bse").get(1)), 1e-12, 0, "se beta");
        close(r.alphaTStat(), num(sm.path("tvalues").get(0)), 1e-12, 0, "t alpha");
        close(r.betaTStat(), num(sm.path("tvalues").get(1)), 1e-12, 0, "t beta");
        close(r.alphaPValue(), num(ex.path("p_intercept")), 1e-9, 0, "p alpha (far tail)");
        close(r.betaPValue(), num(sm.path("pvalues").get(1)), 0, 0, "p beta");
        close(r.rSquared(), num(sm.path("rsquared")), 1e-12, 0, "R2");
        close(r.adjRSquared(), num(sm.path("rsquared_adj")), 1e-12, 0, "adj R2");
        close(r.fStat(), num(ex.path("fvalue")), 1e-10, 0, "F");
        close(r.fPValue(), num(sm.path("f_pvalue")), 0, 0, "F p");
        close(r.ssr(), num(ex.path("ssr")), 1e-12, 0, "ssr");
        close(r.sigma2(), num(ex.path("sigma2")), 1e-12, 0, "sigma2");
        close(r.logLikelihood(), num(sm.path("llf")), 1e-12, 0, "llf");
        close(r.aic(), num(sm.path("aic")), 1e-12, 0, "aic");
        close(r.bic(), num(sm.path("bic")), 1e-12, 0, "bic");
        assertThat(r.n()).isEqualTo(2000);
        assertThat(r.dfResid()).isEqualTo(1998);
    }

    @Test
    void shouldReportUncentredStatisticsWithoutIntercept() {
        OlsResult r = Ols.fitThroughOrigin(X, Y);
        JsonNode sm = A.path("ols_y_on_x_no_intercept").path("statsmodels");
        close(r.beta(), num(sm.path("params").get(0)), 1e-12, 0, "beta");
        close(r.betaStdErr(), num(sm.path("bse").get(0)), 1e-12, 0, "se");
        close(r.rSquared(), num(sm.path("rsquared")), 1e-12, 0, "uncentred R2");
        close(r.adjRSquared(), num(sm.path("rsquared_adj")), 1e-12, 0, "adj R2");
        close(r.fStat(), num(sm.path("fvalue")), 1e-10, 0, "F");
        close(r.aic(), num(sm.path("aic")), 1e-12, 0, "aic");
        close(r.bic(), num(sm.path("bic")), 1e-12, 0, "bic");
    }

    @Test
    void shouldMatchTheSmallSampleAndTheCollinearCases() {
        JsonNode c3 = load("c3_n10");
        OlsResult r =
                Ols.fit(doubles(c3.path("inputs").path("x")), doubles(c3.path("inputs").path("y")));
        JsonNode ex = c3.path("ols_exact");
        close(r.alpha(), num(ex.path("intercept")), 1e-12, 0, "alpha");
        close(r.beta(), num(ex.path("beta")), 1e-12, 0, "beta");
        close(r.alphaStdErr(), num(ex.path("se_intercept")), 1e-12, 0, "se alpha");
        close(r.betaPValue(), num(ex.path("p_beta")), 1e-9, 0, "p beta");
        close(r.alphaPValue(), num(ex.path("p_intercept")), 1e-9, 0, "p alpha");
        close(r.fPValue(), num(ex.path("f_pvalue")), 1e-9, 0, "F p");
        close(r.adjRSquared(), num(ex.path("rsquared_adj")), 1e-12, 0, "adj R2");
        JsonNode c4 = load("c4_perfectly_collinear");
        OlsResult exact =
                Ols.fit(
                        doubles(c4.path("inputs").path("x")),
                        doubles(c4.path("inputs").path("y_eq_2x_plus_3")));
        close(exact.alpha(), 3, 0, 1e-9, "collinear alpha");
        close(exact.beta(), 2, 0, 1e-11, "collinear beta");
        close(exact.rSquared(), 1, 0, 1e-14, "collinear R2");
    }

    @Test
    void shouldMatchMultipleOlsToTheSimpleFitAndStatsmodels() {
        MultipleOls.Result m = MultipleOls.fit(Y, new double[][] {X}, true);
        JsonNode sm = A.path("ols_y_on_const_x").path("statsmodels");
        close(m.params()[0], num(sm.path("params").get(0)), 1e-11, 0, "const");
        close(m.params()[1], num(sm.path("params").get(1)), 1e-12, 0, "x");
        close(m.stdErrors()[1], num(sm.path("bse").get(1)), 1e-11, 0, "se x");
        close(m.rSquared(), num(sm.path("rsquared")), 1e-12, 0, "R2");
        close(m.aic(), num(sm.path("aic")), 1e-12, 0, "aic");
        assertThat(m.rank()).isEqualTo(2);
        MultipleOls.Result noConst = MultipleOls.fit(Y, new double[][] {X}, false);
        close(
                noConst.rSquared(),
                num(A.path("ols_y_on_x_no_intercept").path("statsmodels").path("rsquared")),
                1e-12,
                0,
                "uncentred");
    }

    @Test
    void shouldRefuseDegenerateInputWithAClearMessage() {
        assertThatThrownBy(() -> Ols.fit(new double[] {1, 2}, new double[] {1, 2}))
                .hasMessageContaining("at least 3 observations");
        assertThatThrownBy(() -> Ols.fit(new double[] {1, 1, 1}, new double[] {1, 2, 3}))
                .hasMessageContaining("x is constant");
        assertThatThrownBy(() -> Ols.fit(new double[] {1, Double.NaN, 3}, new double[] {1, 2, 3}))
                .hasMessageContaining("x[1] is NaN");
        assertThatThrownBy(() -> Ols.fit(new double[] {1, 2, 3}, new double[] {1, 2}))
                .hasMessageContaining("same length");
        assertThatThrownBy(
                        () -> TotalLeastSquares.fit(new double[] {1, 2, 3}, new double[] {5, 5, 5}))
                .hasMessageContaining("Sxy = 0");
    }

    @Test
    void shouldMatchStatsmodelsHuberExactlyIncludingTheIterationCount() {
        HuberRegression.Result h = HuberRegression.fit(X, Y);
        JsonNode sm = A.path("huber_rlm").path("statsmodels_defaults");
        assertThat(h.iterations()).isEqualTo(sm.path("iterations").asInt());
        close(h.alpha(), num(sm.path("params").get(0)), 0, 1e-9, "alpha");
        close(h.beta(), num(sm.path("params").get(1)), 0, 1e-9, "beta");
        close(h.alphaStdErr(), num(sm.path("bse").get(0)), 1e-9, 0, "se alpha");
        close(h.betaStdErr(), num(sm.path("bse").get(1)), 1e-9, 0, "se beta");
        close(h.scale(), num(sm.path("scale")), 1e-9, 0, "scale");
        close(
                h.alphaPValue(),
                num(sm.path("pvalues").get(0)),
                1e-6,
                0,
                "p alpha (normal, far tail)");
        assertThat(h.converged()).isTrue();
        JsonNode c3 = load("c3_n10").path("huber").path("result");
        HuberRegression.Result small =
                HuberRegression.fit(
                        doubles(load("c3_n10").path("inputs").path("x")),
                        doubles(load("c3_n10").path("inputs").path("y")));
        assertThat(small.iterations()).isEqualTo(c3.path("iterations").asInt());
        close(small.beta(), num(c3.path("params").get(1)), 0, 1e-9, "c3 beta");
        close(small.scale(), num(c3.path("scale")), 1e-9, 0, "c3 scale");
        close(small.betaStdErr(), num(c3.path("bse").get(1)), 1e-9, 0, "c3 se beta");
    }

    @Test
    void shouldMatchTheExactTotalLeastSquaresLine() {
        TotalLeastSquares.Result t = TotalLeastSquares.fit(X, Y);
        JsonNode ex = A.path("tls_orthogonal").path("exact_mpmath");
        close(t.beta(), num(ex.path("slope")), 1e-12, 0, "slope");
        close(t.alpha(), num(ex.path("intercept")), 1e-12, 0, "intercept");
        JsonNode c3 = load("c3_n10");
        TotalLeastSquares.Result s =
                TotalLeastSquares.fit(
                        doubles(c3.path("inputs").path("x")), doubles(c3.path("inputs").path("y")));
        close(s.beta(), num(c3.path("tls_closed_form").get(0)), 1e-12, 0, "c3 slope");
        close(s.alpha(), num(c3.path("tls_closed_form").get(1)), 1e-12, 0, "c3 intercept");
        // the rolling operator over the whole sample equals the batch fit
        TotalLeastSquares rolling = new TotalLeastSquares(X.length);
        for (int i = 0; i < X.length; i++) {
            rolling.update(X[i], Y[i]);
        }
        close(rolling.beta(), t.beta(), 1e-12, 0, "rolling = batch");
    }

    @Test
    void shouldMatchTheTwoPassRollingOlsOnEveryWindow() {
        JsonNode ref = A.path("rolling_ols_window100").path("exact_two_pass_params_const_x");
        RollingOls ols = new RollingOls(100);
        for (int i = 0; i < X.length; i++) {
            ols.update(X[i], Y[i]);
            close(ols.alpha(), num(ref.get(i).get(0)), 1e-11, 1e-11, "alpha[" + i + "]");
            close(ols.beta(), num(ref.get(i).get(1)), 1e-12, 0, "beta[" + i + "]");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "chan_P0_zero,CHAN",
        "pykalman_P0_identity,IDENTITY",
        "predict_first_P0_zero,PREDICT_FIRST"
    })
    void shouldFollowPykalmanAlongTheWholePath(String variant, KalmanHedgeRatio.Init init) {
        JsonNode k = A.path("kalman");
        JsonNode out = k.path("outputs").path(variant);
        KalmanHedgeRatio f =
                new KalmanHedgeRatio(
                        k.path("params").path("delta").asDouble(),
                        k.path("params").path("Ve").asDouble(),
                        init);
        double[] slope = new double[X.length];
        double[] intercept = new double[X.length];
        double[] e = new double[X.length];
        double[] q = new double[X.length];
        for (int i = 0; i < X.length; i++) {
            f.update(X[i], Y[i]);
            slope[i] = f.beta();
            intercept[i] = f.alpha();
            e[i] = f.forecastError();
            q[i] = f.forecastStd() * f.forecastStd();
        }
        series(slope, doubles(out.path("slope")), 1e-12, 1e-15, "slope");
        series(intercept, doubles(out.path("intercept")), 1e-12, 1e-13, "intercept");
        series(e, doubles(out.path("e")), 1e-12, 1e-12, "e");
        series(q, doubles(out.path("Q")), 1e-12, 0, "Q");
        close(
                slope[X.length - 1],
                num(out.path("slope").get(X.length - 1)),
                1e-10,
                0,
                "final slope");
    }
}
