package org.quantstream.core.stationarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quantstream.core.testkit.Close.close;
import static org.quantstream.core.testkit.Oracle.doubles;
import static org.quantstream.core.testkit.Oracle.load;
import static org.quantstream.core.testkit.Oracle.num;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CointegrationTest {
    @Test
    void shouldEqualStatsmodelsCointOnTheCointegratedPair() {
        JsonNode a = load("a_cointegrated_pair");
        double[] x = doubles(a.path("inputs").path("x"));
        double[] y = doubles(a.path("inputs").path("y"));
        EngleGranger.Result r = EngleGranger.test(y, x, Trend.C);
        JsonNode ref = a.path("engle_granger_coint_bonus");
        close(r.statistic(), num(ref.path("tstat")), 0, 1e-9, "statistic");
        close(r.pValue(), num(ref.path("pvalue")), 1e-9, 0, "p-value (N = 2)");
        close(r.criticalValues().onePercent(), num(ref.path("crit_1_5_10").get(0)), 1e-12, 0, "1%");
        close(
                r.criticalValues().fivePercent(),
                num(ref.path("crit_1_5_10").get(1)),
                1e-12,
                0,
                "5%");
        close(
                r.criticalValues().tenPercent(),
                num(ref.path("crit_1_5_10").get(2)),
                1e-12,
                0,
                "10%");
        close(
                r.beta(),
                num(a.path("ols_y_on_const_x").path("statsmodels").path("params").get(1)),
                1e-12,
                0,
                "beta");
        assertThat(r.pValue())
                .as("N = 2 tables are more conservative than N = 1")
                .isGreaterThan(MacKinnon.pValue(r.statistic(), Trend.N, 1));
    }

    @Test
    void shouldRefuseCollinearSeriesAndOtherTrends() {
        JsonNode c4 = load("c4_perfectly_collinear");
        double[] x = doubles(c4.path("inputs").path("x"));
        double[] y = doubles(c4.path("inputs").path("y_eq_2x_plus_3"));
        assertThatThrownBy(() -> EngleGranger.test(y, x, Trend.C))
                .hasMessageContaining("perfectly collinear");
        assertThatThrownBy(() -> EngleGranger.test(y, x, Trend.N))
                .hasMessageContaining("trend must be c or ct");
    }

    @Test
    void shouldRecoverTheHalfLifeOfAnOrnsteinUhlenbeckSpread() {
        SplittableRandom r = new SplittableRandom(5);
        double phi = 0.9; // lambda = phi - 1 = -0.1, half-life ln2/0.1 = 6.93
        double[] s = new double[20_000];
        for (int i = 1; i < s.length; i++) {
            s[i] = phi * s[i - 1] + r.nextGaussian();
        }
        HalfLife.Result h = HalfLife.of(s);
        close(h.lambda(), -0.1, 0, 0.01, "lambda");
        close(h.halfLife(), Math.log(2) / 0.1, 0.1, 0, "half-life");
        double[] walk = new double[500];
        for (int i = 1; i < walk.length; i++) {
            walk[i] = 1.01 * walk[i - 1] + 1 + r.nextGaussian(); // explosive: lambda = 0.01 > 0
        }
        assertThatThrownBy(() -> HalfLife.of(walk)).hasMessageContaining("does not revert");
    }

    @Test
    void shouldComputeTheSpreadHalfLifeAsTheDirectOlsFormula() {
        double[] spread = doubles(load("a_cointegrated_pair").path("spread").path("values"));
        HalfLife.Result h = HalfLife.of(spread);
        // case a's spread is AR(1) with phi 0.9: lambda near -0.1
        assertThat(h.lambda()).isBetween(-0.13, -0.07);
        close(h.halfLife(), -Math.log(2) / h.lambda(), 1e-15, 0, "definition");
        assertThat(h.n()).isEqualTo(1999);
    }
}
