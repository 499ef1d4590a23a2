package org.quantstream.core.stationarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quantstream.core.testkit.Close.close;
import static org.quantstream.core.testkit.Oracle.doubles;
import static org.quantstream.core.testkit.Oracle.load;
import static org.quantstream.core.testkit.Oracle.num;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ADF against statsmodels' adfuller on every case of the oracle: the random walk (n = 5000) with
 * all 16 regression and autolag combinations, the cointegrated spread (8 cases), n = 10; SPEC §11
 * tolerances (statistic 1e-9, p-value 1e-10, lags and nobs exact, critical values 1e-12).
 */
class AdfOracleTest {
    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        JsonNode b = load("b_random_walk_adf");
        b.path("adf")
                .fields()
                .forEachRemaining(
                        e ->
                                out.add(
                                        Arguments.of(
                                                "b " + e.getKey(),
                                                doubles(b.path("inputs").path("x")),
                                                e.getValue())));
        JsonNode a = load("a_cointegrated_pair");
        double[] spread = doubles(a.path("spread").path("values"));
        a.path("adf_on_spread")
                .fields()
                .forEachRemaining(
                        e -> {
                            double[] x =
                                    e.getKey().startsWith("first100")
                                            ? java.util.Arrays.copyOf(spread, 100)
                                            : spread;
                            out.add(Arguments.of("a " + e.getKey(), x, e.getValue()));
                        });
        JsonNode c3 = load("c3_n10");
        c3.path("adf")
                .fields()
                .forEachRemaining(
                        e -> {
                            if (!e.getKey()
                                    .startsWith(
                                            "n_")) { // 'n' at n=10 has a candidate without residual
                                // df: refused (below)
                                JsonNode r = e.getValue().path("result");
                                String[] parts = e.getKey().split("_");
                                ((com.fasterxml.jackson.databind.node.ObjectNode) r)
                                        .put("regression", parts[0]);
                                ((com.fasterxml.jackson.databind.node.ObjectNode) r)
                                        .put("autolag", parts[1]);
                                out.add(
                                        Arguments.of(
                                                "c3 " + e.getKey(),
                                                doubles(c3.path("inputs").path("x")),
                                                r));
                            }
                        });
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldEqualStatsmodelsAdfuller(String name, double[] x, JsonNode ref) {
        Trend trend = Trend.parse(ref.path("regression").asText());
        Autolag autolag =
                ref.path("autolag").isNull()
                        ? Autolag.NONE
                        : Autolag.parse(ref.path("autolag").asText());
        int maxlag = ref.path("maxlag_arg").isNumber() ? ref.path("maxlag_arg").asInt() : -1;
        AdfResult r = Adf.test(x, trend, autolag, maxlag);
        assertThat(r.usedLag()).as(name + " usedlag").isEqualTo(ref.path("usedlag").asInt());
        assertThat(r.nobs()).as(name + " nobs").isEqualTo(ref.path("nobs").asInt());
        // 'ctt' at n = 5000 with usedlag 0: statsmodels' raw t² column costs it 1.8e-9 (exact
        // below)
        double tol = name.startsWith("b ctt_AIC") || name.startsWith("b ctt_BIC") ? 2e-9 : 1e-9;
        close(r.statistic(), num(ref.path("adfstat")), 0, tol, name + " statistic");
        close(
                r.pValue(),
                num(ref.path("pvalue")),
                1e-9,
                tol == 1e-9 ? 1e-10 : tol,
                name + " p-value");
        JsonNode crit = ref.path("critvalues");
        close(r.criticalValues().onePercent(), num(crit.path("1%")), 1e-12, 0, name + " 1%");
        close(r.criticalValues().fivePercent(), num(crit.path("5%")), 1e-12, 0, name + " 5%");
        close(r.criticalValues().tenPercent(), num(crit.path("10%")), 1e-12, 0, name + " 10%");
        close(r.icBest(), num(ref.path("icbest")), 1e-10, 1e-9, name + " icbest");
    }

    @Test
    void shouldBeExactWhereStatsmodelsLosesDigitsToTheQuadraticTrend() {
        double[] x = doubles(load("b_random_walk_adf").path("inputs").path("x"));
        AdfResult r = Adf.test(x, Trend.CTT, Autolag.NONE, 0);
        // mpmath at 60 digits, normal equations of [x_{t-1}, 1, t, t^2] over the 4999 rows
        close(r.statistic(), -2.2266494632753814218, 0, 1e-12, "exact ctt statistic");
    }

    @Test
    void shouldRefuseWhatStatsmodelsAnswersWithMeaninglessNumbers() {
        double[] n10 = doubles(load("c3_n10").path("inputs").path("x"));
        assertThatThrownBy(() -> Adf.test(n10, Trend.N, Autolag.AIC, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no residual degrees of freedom");
        double[] constant = doubles(load("c1_constant_series").path("inputs").path("x"));
        assertThatThrownBy(() -> Adf.test(constant)).hasMessageContaining("x is constant");
        double[] withNan = doubles(load("c2_series_with_nan").path("inputs").path("x"));
        assertThatThrownBy(() -> Adf.test(withNan)).hasMessageContaining("x[7] is NaN");
        assertThatThrownBy(() -> Adf.test(n10, Trend.C, Autolag.NONE, 4))
                .hasMessageContaining("maxLag must be <= n/2 - terms - 1 = 3");
        assertThatThrownBy(() -> Adf.test(new double[] {1, 2, 3}, Trend.CTT, Autolag.AIC, -1))
                .hasMessageContaining("too few");
    }

    @Test
    void shouldComputeStatsmodelsDefaultMaxLag() {
        JsonNode f = load("c3_n10").path("adf_maxlag_formula");
        assertThat(Adf.defaultMaxLag(10, Trend.N)).isEqualTo(f.path("n").asInt());
        assertThat(Adf.defaultMaxLag(10, Trend.C)).isEqualTo(f.path("c").asInt());
        assertThat(Adf.defaultMaxLag(10, Trend.CT)).isEqualTo(f.path("ct").asInt());
        assertThat(Adf.defaultMaxLag(10, Trend.CTT)).isEqualTo(f.path("ctt").asInt());
        assertThat(
                        List.of(
                                Adf.defaultMaxLag(100, Trend.C),
                                Adf.defaultMaxLag(500, Trend.C),
                                Adf.defaultMaxLag(1000, Trend.C),
                                Adf.defaultMaxLag(2000, Trend.C),
                                Adf.defaultMaxLag(5000, Trend.C),
                                Adf.defaultMaxLag(10_000, Trend.C),
                                Adf.defaultMaxLag(100_000, Trend.C)))
                .containsExactly(12, 18, 22, 26, 32, 38, 68);
    }

    @Test
    void shouldReproduceEveryMacKinnonSpotCheck() {
        JsonNode t = load("mackinnon_tables");
        for (JsonNode c : t.path("spot_checks")) {
            Trend trend = Trend.parse(c.path("regression").asText());
            int n = c.path("N").asInt();
            if (c.has("crit_1_5_10")) {
                CriticalValues cv = MacKinnon.criticalValues(trend, n, c.path("nobs").asDouble());
                close(cv.onePercent(), num(c.path("crit_1_5_10").get(0)), 1e-14, 0, "crit " + c);
                close(cv.fivePercent(), num(c.path("crit_1_5_10").get(1)), 1e-14, 0, "crit " + c);
                close(cv.tenPercent(), num(c.path("crit_1_5_10").get(2)), 1e-14, 0, "crit " + c);
            }
            if (c.has("tau")) {
                close(
                        MacKinnon.pValue(c.path("tau").asDouble(), trend, n),
                        num(c.path("pvalue")),
                        1e-13,
                        1e-300,
                        "p " + c);
            }
        }
        assertThat(t.path("spot_checks").size()).isEqualTo(92);
        assertThat(MacKinnon.pValue(-30, Trend.C, 1)).isZero();
        assertThat(MacKinnon.pValue(5, Trend.C, 1)).isEqualTo(1.0);
        assertThat(MacKinnon.criticalValue(0, Trend.C, 1, Double.POSITIVE_INFINITY))
                .isEqualTo(-3.43035);
    }
}
